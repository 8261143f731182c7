import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from fazhi.documents.models import NormativeDocument
from fazhi.documents.services import document_create

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs: str) -> bytes:
    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_the_text_of_an_uploaded_docx_becomes_the_body(world, staff):
    upload = SimpleUploadedFile("草案.docx", docx_bytes("第一条 为改善人居环境，制定本办法。", "第二条 各村组织整治。"))
    doc = document_create(actor=staff, area=world.township, title="人居环境办法", draft_file=upload)
    assert doc.body == "第一条 为改善人居环境，制定本办法。\n第二条 各村组织整治。"
    assert doc.draft_file.name.endswith(".docx")


def test_a_typed_body_is_kept_when_a_file_is_uploaded(world, staff):
    upload = SimpleUploadedFile("草案.docx", docx_bytes("文件里的正文"))
    doc = document_create(actor=staff, area=world.township, title="办法", body="手工录入的正文", draft_file=upload)
    assert doc.body == "手工录入的正文"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("草案.txt", b"plain text", "仅支持 Word（.docx）或 PDF（.pdf）格式"),
        ("草案.pdf", b"PK\x03\x04 not a pdf", "内容与扩展名不符"),
        ("草案.docx", b"%PDF-1.4 a pdf in disguise", "内容与扩展名不符"),
        ("草案.docx", b"PK\x03\x04 broken zip", "不是有效的 Excel/Word 文件"),
        ("草案.pdf", b"%PDF-1.4 truncated", "内容与扩展名不符"),
    ],
)
def test_wrong_or_disguised_files_are_refused_and_nothing_is_saved(world, staff, name, content, message):
    with pytest.raises(ValidationError) as exc:
        document_create(actor=staff, area=world.township, title="办法", draft_file=SimpleUploadedFile(name, content))
    assert message in exc.value.message_dict["draft_file"][0]
    assert not NormativeDocument.objects.exists()


def test_a_pdf_without_text_asks_for_the_body(world, staff):
    upload = SimpleUploadedFile("扫描件.pdf", pdf_bytes())
    with pytest.raises(ValidationError) as exc:
        document_create(actor=staff, area=world.township, title="办法", draft_file=upload)
    assert exc.value.message_dict == {"draft_file": ["未能从草案文件中提取文字，请在“文件正文”中粘贴正文。"]}
    doc = document_create(
        actor=staff,
        area=world.township,
        title="办法",
        body="第一条 正文。",
        draft_file=SimpleUploadedFile("扫描件.pdf", pdf_bytes()),
    )
    assert doc.draft_file.name.endswith(".pdf")


def test_oversized_files_are_refused(world, staff):
    big = SimpleUploadedFile("a.docx", b"PK\x03\x04" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="不能超过10MB"):
        document_create(actor=staff, area=world.township, title="办法", draft_file=big)
    assert not NormativeDocument.objects.exists()


def test_no_body_and_no_file_is_refused(world, staff):
    with pytest.raises(ValidationError) as exc:
        document_create(actor=staff, area=world.township, title="办法", body="  ")
    assert exc.value.message_dict == {"body": ["请填写文件正文或上传草案文件。"]}


def test_a_docx_zip_bomb_is_refused_before_python_docx_inflates_it(world, staff):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (16 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        document_create(
            actor=staff, area=world.township, title="办法", draft_file=SimpleUploadedFile("草案.docx", bomb.getvalue())
        )
    assert "压缩炸弹" in exc.value.message_dict["draft_file"][0]
    assert not NormativeDocument.objects.exists()
