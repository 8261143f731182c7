"""The PDF: made once per report version by the background task, kept, served at once; and in serif open faces."""

import io
import shutil
import subprocess

import pytest
from django.test import TestCase
from django.urls import reverse
from django_tasks import default_task_backend

from fazhi.accounts.roles import Role
from fazhi.reports import exports, services
from fazhi.reports.choices import ContentKind
from fazhi.reports.models import ReportPdf
from fazhi.reports.pdf import PdfUnavailable, converter

pytestmark = pytest.mark.django_db

TEMPLATE = [
    (1, "{year}年工作开展情况", "划分网格{areas.test_grids}个。", ContentKind.MEASURES),
    (2, "加强组织领导。", "党委政府高度重视法治建设。", ContentKind.MEASURES),
    (0, "", "特此报告。", ""),
]
FAKE_PDF = b"%PDF-1.7 fake"


@pytest.fixture
def queue(settings):
    """Tasks wait in a queue (as with the database backend and its worker) instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def conversions(monkeypatch):
    """Count the LibreOffice conversions, without running LibreOffice."""
    calls = []

    def convert(docx: bytes) -> bytes:
        calls.append(docx)
        return FAKE_PDF

    monkeypatch.setattr(exports, "docx_to_pdf", convert)
    return calls


def _report(world):
    return services.report_create(actor=None, area=world.township, year=2023, template=TEMPLATE)


def _download(client, report):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.get(reverse("reports:report_download", args=[report.pk, "pdf"]))


def _run_queued(queue) -> None:
    for result in queue.results:
        result.task.call(*result.args, **result.kwargs)
    queue.clear()


def test_the_first_request_starts_one_job_and_answers_a_progress_page(world, client, test_metrics, queue, conversions):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    response = _download(client, report)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "PDF 正在后台生成" in page and "hx-trigger" in page and "下载 Word（无需等待）" in page
    pdf = ReportPdf.objects.get()
    assert pdf.status == "queued" and len(queue.results) == 1 and conversions == []
    # A second request while it waits starts no other job.
    assert _download(client, report).status_code == 200
    assert ReportPdf.objects.count() == 1 and len(queue.results) == 1


def test_the_job_stores_the_file_and_the_next_request_serves_it_without_converting(
    world, client, test_metrics, queue, conversions
):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    _download(client, report)
    _run_queued(queue)
    pdf = ReportPdf.objects.get()
    assert pdf.status == "done" and pdf.seconds is not None and len(conversions) == 1
    with pdf.file.open("rb") as fh:
        assert fh.read() == FAKE_PDF
    response = _download(client, report)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == FAKE_PDF
    assert "attachment" in response["Content-Disposition"]
    assert len(conversions) == 1 and queue.results == []
    # The docx LibreOffice converts names the open faces, not the official ones.
    assert b"Noto Serif CJK SC" in _document_xml(conversions[0])


def _document_xml(docx: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")


def test_editing_the_text_makes_the_next_request_start_a_new_job(world, client, test_metrics, queue, conversions):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    _download(client, report)
    _run_queued(queue)
    section = report.sections.get(level=0)
    services.section_update(actor=None, section=section, heading="", body="特此报告，请审阅。", version=section.version)
    response = _download(client, report)
    assert response["Content-Type"].startswith("text/html") and len(queue.results) == 1
    _run_queued(queue)
    assert len(conversions) == 2
    # Only the current version is kept.
    assert list(ReportPdf.objects.values_list("status", flat=True)) == ["done"]


def test_the_word_download_stays_immediate(world, client, test_metrics, queue, conversions):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    response = client.get(reverse("reports:report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200 and response["Content-Type"] == exports.FORMATS["docx"]
    assert ReportPdf.objects.count() == 0 and queue.results == []


def test_the_progress_partial_sends_the_browser_to_the_download_once_made(
    world, client, test_metrics, queue, conversions
):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    _download(client, report)
    pdf = ReportPdf.objects.get()
    url = reverse("reports:report_pdf", args=[report.pk, pdf.pk])
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert "hx-get" in waiting.content.decode() and "HX-Redirect" not in waiting
    _run_queued(queue)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == reverse("reports:report_download", args=[report.pk, "pdf"])
    assert "hx-get" not in done.content.decode() and "PDF 已生成" in done.content.decode()


def test_another_areas_pdf_job_is_not_found(world, client, test_metrics, queue, conversions):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    _download(client, report)
    pdf = ReportPdf.objects.get()
    other = services.report_create(actor=None, area=world.other_township, year=2023, template=TEMPLATE)
    assert client.get(reverse("reports:report_pdf", args=[other.pk, pdf.pk])).status_code == 404


def test_a_conversion_failure_shows_a_chinese_message_and_the_next_request_tries_again(
    world, client, test_metrics, queue, monkeypatch
):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    monkeypatch.setattr("fazhi.reports.pdf.converter", lambda: None)  # LibreOffice missing on this server
    _download(client, report)
    _run_queued(queue)
    pdf = ReportPdf.objects.get()
    assert pdf.status == "failed" and "服务器未安装 LibreOffice" in pdf.message and not pdf.file
    page = client.get(reverse("reports:report_pdf", args=[report.pk, pdf.pk]), headers={"HX-Request": "true"})
    text = page.content.decode()
    assert "PDF 生成失败" in text and "服务器未安装 LibreOffice" in text and "hx-get" not in text
    response = _download(client, report)  # "重新生成 PDF"
    assert "PDF 正在后台生成" in response.content.decode() and len(queue.results) == 1
    assert ReportPdf.objects.get().status == "queued"


def test_a_report_changed_while_its_job_waited_fails_with_a_message(world, test_metrics, queue, conversions):
    report = _report(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        pdf = services.report_pdf_request(report=report)
    closing = report.sections.get(level=0)
    services.section_update(actor=None, section=closing, heading="", body="已改。", version=closing.version)
    pdf = services.report_pdf_render(pdf_id=pdf.pk)
    assert pdf.status == "failed" and "已修改" in pdf.message and conversions == []


def test_missing_open_faces_are_named_with_their_debian_package(monkeypatch):
    monkeypatch.setattr("fazhi.reports.pdf._installed_families", lambda: frozenset({"Noto Sans CJK SC"}))
    monkeypatch.setattr("fazhi.reports.pdf.converter", lambda: "/usr/bin/soffice")
    from fazhi.reports.pdf import docx_to_pdf

    with pytest.raises(PdfUnavailable) as exc:
        docx_to_pdf(b"")
    assert "服务器缺少字体" in str(exc.value) and "fonts-arphic-ukai" in str(exc.value)


def _fonts_by_text(pdf: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    seen: dict[str, str] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            seen[text.strip()] = str(font.get("/BaseFont", ""))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return seen


@pytest.mark.skipif(
    converter() is None or shutil.which("pdffonts") is None,
    reason="needs LibreOffice (libreoffice-writer-nogui) and pdffonts (poppler-utils)",
)
def test_the_real_pdf_is_in_serif_open_faces_with_a_sans_only_for_first_level_headings(world, test_metrics, tmp_path):
    report = services.report_transition(actor=None, report=_report(world), action="finalise")
    pdf = exports.export(report, fmt="pdf")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}
    assert any("NotoSerifCJK" in n for n in names) and any("UKai" in n for n in names), listing
    assert all(line.split()[-5] == "yes" for line in listing.splitlines()[2:]), listing  # all embedded
    # The Noto faces share one CFF table per collection, named after its first (jp) face; the glyphs are the SC
    # face's, which fontconfig chose. Only Noto Sans (黑体's stand-in) may be a sans.
    assert all(n.startswith("NotoSansCJK") for n in names if "Sans" in n), listing
    fonts = _fonts_by_text(pdf)
    body = next(font for text, font in fonts.items() if "党委政府高度重视" in text)
    heading = next(font for text, font in fonts.items() if "工作开展情况" in text)
    assert "Serif" in body and "Sans" not in body, fonts
    assert "Sans" in heading  # 黑体 is a sans face
    assert any("治平乡人民政府" in text for text in fonts)
    assert not any("（草稿）" in text for text in fonts)  # finalised: dated, not a draft
