"""An upload is the kind of file its extension says, whichever module takes it (fazhi.core.uploads.content_matches):
a web page or a program renamed .jpg, .pdf or .mp4 is refused in Chinese. That nothing of the record is saved then is
shown where each module takes its uploads (grid, mediation and enforcement tests)."""

import io
import wave
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from docx import Document
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter

from fazhi.core.uploads import ContentValidator, content_matches

from .file_fields import project_file_fields

# File fields whose uploads are checked elsewhere, and where.
CHECKED_ELSEWHERE = {
    "enforcement.CaseRecord.file": "enforcement.services.case_record_add: the types allowed depend on the kind",
    "imports.ImportBatch.file": "imports.workbook.read_rows: the zip container is checked, then openpyxl reads it",
    "people.ImportJob.file": "people.io: the sheet's zip container is checked and calamine reads it",
    "portal.PublicRequestPhoto.image": "portal.images.reencode: Pillow decodes and re-encodes every photo",
    "reports.ReportPdf.file": "never uploaded: the platform writes it (reports.services.report_pdf_render)",
}
MISMATCH = "文件“{name}”的内容与扩展名 .{extension} 不符，请上传原始文件，不要只修改扩展名。"
WEB_PAGE = b"<!doctype html><html><script>fetch('/accounts/')</script></html>"
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def _docx() -> bytes:
    doc, out = Document(), io.BytesIO()
    doc.add_paragraph("调解协议书")
    doc.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    wb, out = Workbook(), io.BytesIO()
    wb.active.append(["姓名", "电话"])
    wb.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x00" * 800)
    return out.getvalue()


def _zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, "payload")
    return out.getvalue()


def _iso_media(brand: bytes) -> bytes:
    """The ftyp box every ISO media file (phone photos, recordings) opens with."""
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00" + brand + b"isom" + b"\x00" * 32


GENUINE = [
    ("jpg", lambda: _image("JPEG")),
    ("jpeg", lambda: _image("JPEG")),
    ("png", lambda: _image("PNG")),
    ("webp", lambda: _image("WEBP")),
    ("heic", lambda: _iso_media(b"heic")),
    ("pdf", _pdf),
    ("docx", _docx),
    ("xlsx", _xlsx),
    ("doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    ("xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    ("txt", lambda: "审查意见：合法。".encode()),
    ("txt", lambda: "审查意见：合法。".encode("gb18030")),  # Windows Notepad's old default in China
    ("wav", _wav),
    ("mp3", lambda: b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 16),
    ("mp4", lambda: _iso_media(b"mp42")),
    ("mov", lambda: _iso_media(b"qt  ")),
    ("m4a", lambda: _iso_media(b"M4A ")),
    ("3gp", lambda: _iso_media(b"3gp4")),
    ("aac", lambda: b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 64),  # an ADTS frame header
    ("amr", lambda: b"#!AMR\n" + b"\x3c" * 64),
    ("avi", lambda: b"RIFF\x24\x00\x00\x00AVI LIST" + b"\x00" * 64),
]

DISGUISED = [
    ("jpg", WEB_PAGE),
    ("png", _image("JPEG")),
    ("webp", WEB_PAGE),
    ("heic", PROGRAM),
    ("pdf", PROGRAM),
    ("pdf", _image("PNG")),
    ("docx", _zip("payload.sh")),  # a renamed .zip is not a Word file
    ("docx", _xlsx()),
    ("xlsx", _docx()),
    ("doc", _docx()),
    ("xls", WEB_PAGE),
    ("txt", PROGRAM),  # a program holds NUL bytes; text does not
    ("mp3", WEB_PAGE),
    ("wav", _image("PNG")),
    ("mp4", PROGRAM),
    ("m4a", WEB_PAGE),
]


@pytest.mark.parametrize(("extension", "build"), GENUINE)
def test_a_genuine_file_of_each_allowed_type_passes(extension, build):
    upload = SimpleUploadedFile(f"文件.{extension}", build())
    assert content_matches(extension, upload)
    assert upload.tell() == 0  # left at its start for storage


@pytest.mark.parametrize(("extension", "content"), DISGUISED)
def test_a_file_renamed_to_another_extension_is_refused(extension, content):
    assert not content_matches(extension, SimpleUploadedFile(f"文件.{extension}", content))


def _content_checked() -> dict[str, models.FileField]:
    return {
        name: field
        for name, field in project_file_fields().items()
        if any(isinstance(v, ContentValidator) for v in field.validators)
    }


def test_every_file_field_checks_content_or_is_checked_where_its_upload_comes_in():
    assert project_file_fields().keys() - _content_checked().keys() == CHECKED_ELSEWHERE.keys()


@pytest.mark.parametrize("name", sorted(_content_checked()))
def test_each_content_checked_field_refuses_a_web_page_under_its_first_extension(name):
    field = _content_checked()[name]
    extension = next(v for v in field.validators if isinstance(v, ContentValidator)).allowed_extensions[0]
    instance = field.model()
    setattr(instance, field.name, SimpleUploadedFile(f"附件.{extension}", WEB_PAGE))
    with pytest.raises(ValidationError) as exc:
        field.run_validators(getattr(instance, field.name))
    assert exc.value.messages == [MISMATCH.format(name=f"附件.{extension}", extension=extension)]


def test_a_stored_file_is_not_read_again_when_its_record_is_saved(world, settings, tmp_path):
    """Editing a record re-runs its validators; a file already stored was checked when it came in."""
    settings.MEDIA_ROOT = tmp_path
    from fazhi.grid.models import MatterAttachment
    from fazhi.grid.tests.matrix import matter_with_photo

    attachment = matter_with_photo(world.grid, actor=None)
    (tmp_path / attachment.file.name).unlink()  # were it read, the missing file would fail the save
    stored = MatterAttachment.objects.get(pk=attachment.pk)
    stored.full_clean()
