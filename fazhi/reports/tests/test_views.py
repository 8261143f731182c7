import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from fazhi.accounts.roles import Role
from fazhi.reports import selectors, services
from fazhi.reports.choices import ContentKind, ReportStatus
from fazhi.reports.models import Report
from fazhi.reports.pdf import converter

pytestmark = pytest.mark.django_db


def _report(world, area=None):
    template = [
        (
            1,
            "{year}年工作开展情况",
            "召开会议{leadership.test_meetings}次，网格{areas.test_grids}个。",
            ContentKind.MEASURES,
        ),
        (1, "工作中存在的问题", "存在问题。", ContentKind.SHORTCOMINGS),
    ]
    return services.report_create(actor=None, area=area or world.township, year=2023, template=template)


def test_a_report_is_created_from_the_form_as_a_first_draft(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("reports:report_create"), {"area": world.township.pk, "year": 2023})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:report_detail", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in page
    assert "data-figure=" in page  # the world's two grids are stated, as a chip


def test_bad_input_on_create_shows_chinese_errors_and_saves_nothing(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("reports:report_create"), {"area": world.township.pk, "year": "abc"})
    assert response.status_code == 200 and "整数" in response.content.decode()
    _report(world)
    response = client.post(reverse("reports:report_create"), {"area": world.township.pk, "year": 2023})
    assert "已存在" in response.content.decode()
    assert Report.objects.count() == 1


def test_the_editor_shows_last_years_value_and_its_query_count_is_pinned(world, client, test_metrics, meeting):
    report = _report(world)
    meeting(world.township)
    meeting(world.township, on=datetime.date(2022, 3, 1))
    meeting(world.township, on=datetime.date(2022, 4, 1))
    client.force_login(world.user(Role.LEADER))
    url = reverse("reports:report_detail", args=[report.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).content.decode()
    assert 'data-figure="leadership.test_meetings">1</a>' in page
    assert "<td>2</td>" in page  # last year's meetings beside this year's
    # No query per record: the draft beside the text computes every figure of the area in batches of
    # core.metrics.SUBQUERIES_PER_QUERY, the suggested problems' figures in one more; the pin moves with the number of
    # built-in figures.
    for _i in range(5):
        meeting(world.township)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more.captured_queries) == len(ctx.captured_queries) <= 21


def test_editing_a_paragraph_changes_the_text_and_a_frozen_report_refuses(world, client, test_metrics):
    report = _report(world)
    section = report.sections.first()
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("reports:section_update", args=[section.pk])
    client.post(
        url,
        {
            f"s{section.pk}-heading": section.heading,
            f"s{section.pk}-body": "全年网格{areas.test_grids}个。",
            "version": section.version,
        },
    )
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert 'data-figure="areas.test_grids">2</a>' in page
    client.post(reverse("reports:report_transition", args=[report.pk]), {"action": "finalise"})
    assert Report.objects.get().status == ReportStatus.FINAL
    response = client.post(url, {f"s{section.pk}-heading": "x", f"s{section.pk}-body": "改"}, follow=True)
    assert "报告已定稿" in response.content.decode()
    section.refresh_from_db()
    assert section.body == "全年网格{areas.test_grids}个。"


def test_a_figure_in_the_review_view_links_to_exactly_its_records(world, client, test_metrics, meeting):
    report = _report(world)
    mine = meeting(world.township, topic="本乡学法")
    meeting(world.other_township, topic="别乡学法")
    client.force_login(world.user(Role.SUPERVISOR))
    page = client.get(reverse("reports:report_html", args=[report.pk])).content.decode()
    link = reverse("reports:report_figure", args=[report.pk, "leadership.test_meetings"])
    assert f'href="{link}"' in page
    evidence = client.get(link).content.decode()
    assert f'data-pk="{mine.pk}"' in evidence and "本乡学法" in evidence and "别乡学法" not in evidence
    services.report_transition(actor=None, report=report, action="finalise")
    mine.topic = "改过的议题"
    mine.save()
    frozen = client.get(link).content.decode()
    assert "定稿快照" in frozen and "本乡学法" in frozen and "改过的议题" not in frozen


def test_the_word_file_downloads(world, client, test_metrics):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    response = client.get(reverse("reports:report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "召开会议0次，网格2个。" in [p.text for p in doc.paragraphs]


@pytest.mark.skipif(converter() is not None, reason="LibreOffice is installed")
def test_pdf_download_without_libreoffice_explains_in_chinese(world, client, test_metrics):
    report = _report(world)
    client.force_login(world.user(Role.LEADER))
    response = client.get(reverse("reports:report_download", args=[report.pk, "pdf"]), follow=True)
    assert "未安装 LibreOffice" in response.content.decode()


def test_an_accepted_suggestion_joins_the_problems(world, client):
    report = _report(world)
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "全年未专题听取上一年度法治政府建设情况汇报" in page
    client.post(reverse("reports:suggestion_accept", args=[report.pk]), {"text": "培训次数偏少。"})
    assert "二、工作中存在的问题" in page
    assert "一是培训次数偏少。" in client.get(reverse("reports:report_html", args=[report.pk])).content.decode()


def test_the_metrics_page_lists_figures_linking_to_records(world, client, test_metrics, meeting):
    meeting(world.township, topic="学法会")
    client.force_login(world.user(Role.LEGAL_STAFF))
    section = next(s for s in selectors.metric_sections() if "leadership.test_meetings" in s.keys)
    params = {"area": world.township.pk, "year": 2023, "section": section.number}  # one section at a time
    page = client.get(reverse("reports:metric_list"), params).content.decode()
    link = reverse("reports:metric_evidence", args=["leadership.test_meetings"])
    assert f"{link}?area={world.township.pk}&year=2023" in page
    evidence = client.get(link, {"area": world.township.pk, "year": 2023}).content.decode()
    assert "学法会" in evidence
    # Another county's area is not selectable: falls back to the user's own.
    other = client.get(link, {"area": world.foreign_county.pk, "year": 2023})
    assert other.status_code == 200 and "宁厂" not in other.content.decode()


def test_the_county_view_shows_each_townships_figures_and_who_is_late(world, client, test_metrics):
    report = _report(world)
    services.report_transition(actor=None, report=report, action="finalise")
    services.report_transition(actor=None, report=report, action="submit", on=datetime.date(2024, 2, 28))
    client.force_login(world.user(Role.SUPERVISOR))
    page = client.get(reverse("reports:county_rollup"), {"area": world.county.pk, "year": 2023}).content.decode()
    assert "治平乡" in page and "明通镇" in page and "未建报告" in page
    assert "2024-02-28" in page
    assert page.count("逾期") >= 2  # 明通镇 has neither submitted nor published; 治平乡 has not published


def test_the_county_view_opens_on_the_latest_year_with_records_not_an_empty_one(world, client):
    from fazhi.grid.services import matter_create

    # The county's only record is of 2022: nothing in the report year (last year) nor the years between.
    matter_create(actor=None, area=world.grid, category="dispute", description="邻里纠纷", source="walk_in",
                  registered_on=datetime.date(2022, 5, 1))  # fmt: skip
    client.force_login(world.user(Role.SUPERVISOR))
    page = client.get(reverse("reports:county_rollup"))
    assert page.context["year"] == 2022 and page.context["county"] == world.county


def test_late_reports_show_on_the_workbench(world, client):
    _report(world)
    client.force_login(world.user(Role.LEADER))
    page = client.get(reverse("core:workbench")).content.decode()
    assert "治平乡2023年度法治政府建设报告待报送" in page


def test_the_api_gives_the_report_text_and_figures_within_scope(world, client, test_metrics):
    report = _report(world)
    other = _report(world, area=world.other_township)
    client.force_login(world.user(Role.LEADER))
    listing = client.get("/api/v1/reports/").json()
    rows = listing["results"] if isinstance(listing, dict) else listing
    assert [r["id"] for r in rows] == [report.pk]
    detail = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert "网格2个" in detail["text"]
    assert {f["key"]: f["value"] for f in detail["figures"]}["areas.test_grids"] in ("2.0000", 2, "2")
    assert client.get(f"/api/v1/reports/{other.pk}/").status_code == 404
