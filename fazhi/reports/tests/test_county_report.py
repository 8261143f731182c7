"""A county composes its own report from its townships' figures: a table of townships × the county's assessed
figures with the county's totals as the roll-up computes them, in the same editor and the same 公文 output."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.core.metrics import Period, metric_values, refresh
from fazhi.figures import services as figure_services
from fazhi.figures.choices import FigureKind
from fazhi.figures.models import FigureDefinition
from fazhi.publicity.services import activity_create
from fazhi.reports import document, exports, services
from fazhi.reports.county_table import township_table
from fazhi.reports.figures import live_figures, value_text
from fazhi.reports.pdf import converter
from fazhi.reports.rendering import compose
from fazhi.reports.selectors import county_rollup
from fazhi.reports.tests.test_first_draft import YEAR, _year_of_work


def _define(county, name, **values):
    return figure_services.definition_save(
        actor=None, area=county, values={"name": name, "section": "法治宣传", **values}
    ).key


@pytest.fixture
def county(world):
    """A generated county with two townships of different years of work, and three figures it assesses them on:
    a count, a sum and a rate (which the county computes over its whole area, not by adding up)."""
    county = make_area(world.county.parent, Level.COUNTY, "云岭县", "500299000000")
    stone = make_area(county, Level.TOWNSHIP, "青石镇", "500299101000")
    river = make_area(county, Level.TOWNSHIP, "白河乡", "500299201000")
    _year_of_work(stone)
    _year_of_work(river)
    village = stone.children.get()
    for day in (5, 6):  # two lectures more in 青石镇: the townships differ
        activity_create(
            actor=None,
            area=village,
            held_on=datetime.date(YEAR, 10, day),
            title="法治讲座",
            form="lecture",
            participants=30,
        )
    activities = _define(county, "县定普法活动", unit="场", kind=FigureKind.AGGREGATE, record_type="publicity.activity")
    courtyard = figure_services.definition_save(
        actor=None,
        area=county,
        values={
            "name": "院坝会",
            "kind": FigureKind.AGGREGATE,
            "record_type": "publicity.activity",
            "filters": [{"dim": "form", "op": "in", "values": ["courtyard"]}],
        },
    )
    _define(
        county,
        "县定参与人次",
        unit="人次",
        kind=FigureKind.AGGREGATE,
        record_type="publicity.activity",
        aggregation="sum",
        field="participants",
    )
    _define(
        county,
        "院坝会占比",
        unit="%",
        kind=FigureKind.RATE,
        numerator=courtyard,
        denominator=FigureDefinition.objects.get(key=activities),
        decimals=1,
    )
    return county


def test_the_county_report_tables_each_townships_figures_and_the_rollups_totals(county):
    report = services.report_create(actor=None, area=county, year=YEAR)
    composed = compose(report)
    tables = [b for b in composed.blocks if b.kind == "table"]
    assert len(tables) == 1
    table = tables[0].table
    assert report.title == f"云岭县人民政府关于{YEAR}年法治政府建设情况的报告"
    assert document.parts(report).issuer == "云岭县人民政府"
    assert "全县" in composed.text and "全乡" not in composed.text

    keys = [k for k in refresh() if k.startswith("custom.") and refresh()[k].area_path == county.path]
    assert table["headers"][0] == "乡镇（街道）" and len(table["headers"]) == 1 + len(keys) == 5
    by_name = {row[0]: row[1:] for row in table["rows"]}
    assert set(by_name) == {"青石镇", "白河乡"}
    rollup = county_rollup(county=county, year=YEAR, keys=[], today=timezone.localdate())
    for township in county.children.all():
        own = services.report_create(actor=None, area=township, year=YEAR)
        figures = live_figures(rollup["keys"], area=own.area, year=own.year)
        assert by_name[township.name] == [value_text(figures[k].value) or "—" for k in rollup["keys"]]
    assert table["totals"] == ["全县合计", *(value_text(v) for v in rollup["totals"])]

    # Counts and sums add up; the rate is the county's own, not the sum of the townships' rates.
    column = {label: i + 1 for i, label in enumerate(rollup["labels"])}
    activities = column["县定普法活动"]
    assert by_name["青石镇"][activities - 1] == "5" and by_name["白河乡"][activities - 1] == "3"
    assert table["totals"][activities] == "8"
    rate = refresh()[rollup["keys"][column["院坝会占比"] - 1]]
    county_rate = metric_values(area=county, requests=[(rate, Period.year(YEAR))])[0]
    assert table["totals"][column["院坝会占比"]] == value_text(county_rate) == "75"


def test_a_finalised_county_report_keeps_its_table(county):
    report = services.report_create(actor=None, area=county, year=YEAR)
    before = township_table(county=county, year=YEAR)
    report = services.report_transition(actor=None, report=report, action="finalise")
    assert report.township_table == before
    village = county.children.get(name="白河乡").children.get()
    activity_create(
        actor=None, area=village, held_on=datetime.date(YEAR, 11, 1), title="后补", form="lecture", participants=9
    )
    table = next(b for b in compose(report).blocks if b.kind == "table").table
    assert table == before  # the finalised 公文 states what it was sent with
    report = services.report_transition(actor=None, report=report, action="reopen")
    assert report.township_table == {}


def test_the_docx_table_repeats_its_header_and_stays_within_the_text_width(county):
    report = services.report_create(actor=None, area=county, year=YEAR)
    word = Document(io.BytesIO(exports.export(report, fmt="docx")))
    assert len(word.tables) == 1
    table = word.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][0] == "乡镇（街道）" and {rows[1][0], rows[2][0]} == {"青石镇", "白河乡"}
    assert rows[-1][0] == "全县合计" and len(rows) == 4
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    section = word.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(text_width - Mm(156)) < Mm(0.1)
    for row in table.rows:
        assert sum(cell.width for cell in row.cells) <= text_width
    # The 公文 parts are the county's.
    texts = [p.text for p in word.paragraphs]
    assert "云岭县人民政府" in texts and "（草稿）" in texts


def test_the_county_report_page_and_its_html_show_the_table(county, client):
    staff = make_user("yunling_legal", role=Role.LEGAL_STAFF, area=county)
    client.force_login(staff)
    response = client.post(reverse("reports:report_create"), {"area": county.pk, "year": YEAR, "start": "draft"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="township-table"' in page and "青石镇" in page and "全县合计" in page
    assert "【乡镇指标汇总表】" in page  # how the editor shows where the table stands


@pytest.mark.skipif(converter() is None, reason="needs LibreOffice (libreoffice-writer-nogui)")
def test_the_county_reports_pdf_holds_the_table_in_serif_faces(county):
    from pypdf import PdfReader

    report = services.report_transition(
        actor=None, report=services.report_create(actor=None, area=county, year=YEAR), action="finalise"
    )
    pdf = services.report_pdf_render(pdf_id=services.report_pdf_request(report=report).pk)
    assert pdf.status == "done", pdf.message
    with pdf.file.open("rb") as handle:
        reader = PdfReader(handle)
        text = "".join(page.extract_text() for page in reader.pages)
    assert "青石镇" in text and "全县合计" in text and "云岭县人民政府" in text


def test_a_townships_text_naming_the_table_keeps_the_word_and_gets_no_table(world):
    report = services.report_create(
        actor=None, area=world.township, year=YEAR, template=[(0, "", "{township_table}", "")]
    )
    composed = compose(report)
    assert [b.kind for b in composed.blocks] == ["para"] and composed.blocks[0].text == "【乡镇指标汇总表】"
