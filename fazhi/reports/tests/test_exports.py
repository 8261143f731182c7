import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.reports import exports, services
from fazhi.reports.choices import ContentKind
from fazhi.reports.models import Report
from fazhi.reports.pdf import PdfUnavailable, converter

pytestmark = pytest.mark.django_db


def _report(world, test_metrics):
    template = [
        (
            1,
            "{year}年工作开展情况",
            "{是}划分网格{areas.test_grids}个。{是}编号合计{areas.test_grid_numbers}。",
            ContentKind.MEASURES,
        ),
        (2, "小节", "正文。", ContentKind.MEASURES),
        (2, "二节。", "正文二。", ContentKind.MEASURES),
        (0, "", "特此报告。", ""),
    ]
    return services.report_create(actor=None, area=world.township, year=2023, template=template)


def _east_asia(run) -> str:
    return run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_docx_is_in_official_document_format(world, test_metrics):
    doc = Document(io.BytesIO(exports.export(_report(world, test_metrics), fmt="docx")))
    section = doc.sections[0]

    def mm(length):  # Word stores twips: compare to the nearest 0.1 mm
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin), mm(section.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    title = doc.paragraphs[0]
    assert title.text == "城口县治平乡人民政府关于2023年法治政府建设情况的报告"
    assert _east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    by_text = {p.text: p for p in doc.paragraphs}
    h1, h2 = by_text["一、2023年工作开展情况"], by_text["（一）小节"]
    assert _east_asia(h1.runs[0]) == "黑体" and _east_asia(h2.runs[0]) == "楷体_GB2312"
    runin = by_text["（二）二节。正文二。"]  # a run-in heading keeps 楷体, its paragraph 仿宋
    assert [(r.text, _east_asia(r)) for r in runin.runs] == [
        ("（二）二节。", "楷体_GB2312"),
        ("正文二。", "仿宋_GB2312"),
    ]
    body = by_text["一是划分网格2个。二是编号合计3。"]
    assert _east_asia(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.first_line_indent == Pt(32)
    # Page numbers "— n —": odd pages right, even pages left.
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert footer.text == "—  —" and "PAGE" in footer._p.xml
    assert odd.alignment == 2 and even.alignment == 0  # RIGHT, LEFT


def test_the_html_export_links_every_figure_to_its_evidence(world, test_metrics):
    report = _report(world, test_metrics)
    html = exports.export(report, fmt="html").decode()
    assert f'href="/reports/{report.pk}/figures/areas.test_grids/"' in html
    assert ">2</a>" in html


@pytest.mark.skipif(converter() is not None, reason="LibreOffice is installed: the conversion test below runs")
def test_pdf_without_libreoffice_fails_with_a_clear_chinese_message(world, test_metrics):
    with pytest.raises(PdfUnavailable) as exc:
        exports.export(_report(world, test_metrics), fmt="pdf")
    assert "LibreOffice" in str(exc.value) and "fonts-noto-cjk" in str(exc.value)


@pytest.mark.skipif(converter() is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed")
def test_pdf_is_converted_from_the_docx(world, test_metrics):
    from pypdf import PdfReader

    pdf = exports.export(_report(world, test_metrics), fmt="pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "特此报告" in text and "划分网格" in text


def test_report_export_writes_a_first_draft_without_writing_to_the_database(world, tmp_path):
    out = tmp_path / "r.docx"
    call_command("report_export", area="500229215000", year=2023, format="docx", output=str(out))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "一、2023年推进法治政府建设的主要举措和成效" in text and "2024年工作安排" in text
    assert not Report.objects.exists()


def test_report_export_writes_an_existing_report_as_html(world, test_metrics, tmp_path):
    report = _report(world, test_metrics)
    out = tmp_path / "r.html"
    call_command("report_export", area="治平乡", year=2023, format="html", output=str(out))
    assert f"/reports/{report.pk}/figures/" in out.read_text(encoding="utf-8")


def test_report_export_names_an_unknown_area(world, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("report_export", area="不存在乡", year=2023, format="docx", output=str(tmp_path / "x"))
    assert "找不到" in str(exc.value)
