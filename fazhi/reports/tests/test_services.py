import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.accounts.roles import Role
from fazhi.reports import services
from fazhi.reports.choices import ContentKind, ReportStatus, SectionLevel
from fazhi.reports.models import FigureSnapshot, Report, ReportEvent
from fazhi.reports.rendering import compose, missing_contents
from fazhi.reports.suggestions import suggest

pytestmark = pytest.mark.django_db


def _report(world, **kw):
    return services.report_create(actor=world.user(Role.LEGAL_STAFF), area=world.township, year=2023, **kw)


def _small(world, body, area=None):
    """A report on a township template of its own, whose figures are the test-only metrics."""
    template = [(1, "{year}年工作开展情况", body, ContentKind.MEASURES), (0, "", "特此报告。", "")]
    return services.report_create(actor=None, area=area or world.township, year=2023, template=template)


def test_a_new_report_is_composed_with_the_five_required_contents(world):
    report = _report(world)
    top = [h for h in compose(report).outline if not h.startswith("（")]
    assert top == [
        "一、2023年推进法治政府建设的主要举措和成效",
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "三、存在的不足和原因",
        "四、2024年工作安排",
        "五、其他需要报告的情况",
    ]
    assert missing_contents(report.sections.all()) == []  # 督察工作规定 第二十五条
    assert report.title == "城口县治平乡人民政府关于2023年法治政府建设情况的报告"
    assert compose(report).text.rstrip().endswith("特此报告。")


def test_reports_are_only_for_townships_and_counties_and_one_per_year(world):
    with pytest.raises(ValidationError) as exc:
        services.report_create(actor=None, area=world.village, year=2023)
    assert "只能为乡镇或县" in str(exc.value)
    _report(world)
    with pytest.raises(ValidationError) as exc:
        _report(world)
    assert "已存在" in str(exc.value)
    assert Report.objects.count() == 1


def test_creating_outside_ones_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.report_create(actor=world.user(Role.LEGAL_STAFF), area=world.other_township, year=2023)
    with pytest.raises(PermissionDenied):
        services.report_create(actor=world.user(Role.SUPERVISOR), area=world.township, year=2023)
    assert not Report.objects.exists()


def test_the_five_required_contents_check_warns_about_the_missing_one(world):
    report = _report(world)
    report.sections.filter(content_kind=ContentKind.OTHER).delete()
    assert missing_contents(report.sections.all()) == [str(ContentKind.OTHER.label)]
    services.section_add(
        actor=None,
        report=report,
        level=SectionLevel.HEADING1,
        heading="其他需要报告的情况",
        body="无。",
        content_kind=ContentKind.OTHER,
    )
    assert missing_contents(report.sections.all()) == []
    # The new section goes before the closing "特此报告。".
    assert compose(report).blocks[-1].text == "特此报告。"
    assert "五、其他需要报告的情况" in compose(report).text


def test_figures_stay_live_in_a_draft(world, test_metrics, meeting):
    report = _small(world, "召开会议{leadership.test_meetings}次，网格{areas.test_grids}个")
    meeting(world.township)
    assert "召开会议1次，网格2个" in compose(report).text
    meeting(world.township)
    meeting(world.other_township)  # another township's meeting is not counted
    meeting(world.township, on=datetime.date(2022, 6, 1))  # last year's is shown beside, not counted
    composed = compose(report)
    assert "召开会议2次" in composed.text
    assert composed.figures["leadership.test_meetings"].last_value == 1


def test_finalising_freezes_value_and_evidence_so_later_edits_change_nothing(world, test_metrics, meeting):
    report = _small(world, "召开会议{leadership.test_meetings}次，编号和{areas.test_grid_numbers}")
    first, second = meeting(world.township), meeting(world.township)
    report = services.report_transition(actor=world.user(Role.LEADER), report=report, action="finalise")
    snap = FigureSnapshot.objects.get(report=report, key="leadership.test_meetings")
    assert snap.value == 2 and sorted(pk for pk, _text in snap.evidence) == sorted([first.pk, second.pk])
    sums = FigureSnapshot.objects.get(report=report, key="areas.test_grid_numbers")
    assert sums.value == 3  # grids 1 + 2, summed from exactly the records listed
    assert len(sums.evidence) == 2
    before = compose(report).text
    meeting(world.township)
    first.delete()
    assert compose(report).text == before
    assert "召开会议2次" in before


def test_finalising_refuses_unregistered_figures_and_leaves_the_draft_untouched(world):
    report = _small(world, "共{nosuch.metric}次")
    with pytest.raises(ValidationError) as exc:
        services.report_transition(actor=None, report=report, action="finalise")
    assert "尚未登记" in str(exc.value) and "nosuch.metric" in str(exc.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert not report.figures.exists() and not ReportEvent.objects.exists()


def test_a_finalised_report_cannot_be_edited_until_reopened(world, test_metrics):
    report = _small(world, "网格{areas.test_grids}个")
    report = services.report_transition(actor=None, report=report, action="finalise")
    section = report.sections.first()
    with pytest.raises(ValidationError) as exc:
        services.section_update(actor=None, section=section, heading="", body="改", version=section.version)
    assert "已定稿" in str(exc.value)
    report = services.report_transition(actor=None, report=report, action="reopen")
    assert report.status == ReportStatus.DRAFT and not report.figures.exists()
    services.section_update(actor=None, section=section, heading="", body="改", version=section.version)


def test_the_calendar_runs_submit_then_secrecy_review_then_publish(world, test_metrics):
    leader = world.user(Role.LEADER)
    report = _small(world, "网格{areas.test_grids}个")
    with pytest.raises(ValidationError):
        services.report_transition(actor=leader, report=report, action="submit")  # a draft is not submitted
    report = services.report_transition(actor=leader, report=report, action="finalise")
    report = services.report_transition(actor=leader, report=report, action="submit", on=datetime.date(2024, 2, 27))
    assert not report.submit_late(datetime.date(2024, 5, 1))
    with pytest.raises(ValidationError) as exc:
        services.report_transition(actor=leader, report=report, action="publish", url="https://example.gov.cn/r")
    assert "不能执行" in str(exc.value)  # 保密审查 comes first (AR-08)
    with pytest.raises(ValidationError) as exc:
        services.report_transition(actor=leader, report=report, action="secrecy_review")
    assert "保密审查人" in str(exc.value)
    report = services.report_transition(
        actor=leader, report=report, action="secrecy_review", reviewer="李司法", on=datetime.date(2024, 3, 10)
    )
    with pytest.raises(ValidationError) as exc:
        services.report_transition(actor=leader, report=report, action="publish")
    assert "公开网址" in str(exc.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIEWED and report.published_on is None
    report = services.report_transition(
        actor=leader, report=report, action="publish", on=datetime.date(2024, 4, 2), url="https://example.gov.cn/r"
    )
    assert report.status == ReportStatus.PUBLISHED
    assert report.publish_late(datetime.date(2024, 5, 1))  # 2 April is after the 1 April deadline
    assert [e.action for e in report.events.all()] == ["finalise", "submit", "secrecy_review", "publish"]


def test_dates_in_the_future_are_refused(world, test_metrics):
    report = _small(world, "网格{areas.test_grids}个")
    report = services.report_transition(actor=None, report=report, action="finalise")
    with pytest.raises(ValidationError) as exc:
        services.report_transition(actor=None, report=report, action="submit", on=datetime.date(2999, 1, 1))
    assert "晚于今天" in str(exc.value)


def test_an_unsubmitted_report_is_late_after_the_first_of_march(world):
    report = _report(world)
    assert report.submit_due == datetime.date(2024, 3, 1) and report.publish_due == datetime.date(2024, 4, 1)
    assert not report.submit_late(datetime.date(2024, 3, 1))
    assert report.submit_late(datetime.date(2024, 3, 2))


def test_suggested_problems_come_from_the_data_and_join_the_problems_section(world):
    report = _report(world)
    suggestions = suggest(area=world.township, year=2023)
    hearing = next(s for s in suggestions if "专题听取" in s)
    assert f"是{hearing}" in compose(report).text  # the first draft starts from the data-diagnosed problems
    added = "基层法治队伍力量不足。"
    section = services.suggestion_accept(actor=None, report=report, text=added)
    assert section.content_kind == ContentKind.SHORTCOMINGS
    marker = "一二三四五六七八九十"[len(suggestions)]
    assert f"{marker}是{added}" in compose(report).text  # the next item after the suggested ones
    with pytest.raises(ValidationError):
        services.suggestion_accept(actor=None, report=report, text="  ")


def test_a_hearing_meeting_removes_that_suggestion(world):
    from fazhi.leadership.services import meeting_create

    meeting_create(
        actor=None,
        area=world.township,
        kind="party_committee",
        held_on=datetime.date(2023, 2, 1),
        topic="专题听取",
        hears_annual_report=True,
    )
    assert not any("专题听取" in s for s in suggest(area=world.township, year=2023))


def test_rectifications_are_tracked_to_closure(world, test_metrics):
    report = _small(world, "网格{areas.test_grids}个")
    with pytest.raises(ValidationError):
        services.rectification_add(
            actor=None, report=report, problem="p", measure="m", deadline=datetime.date(2024, 6, 1)
        )
    report = services.report_transition(actor=None, report=report, action="finalise")
    item = services.rectification_add(
        actor=None,
        report=report,
        problem="执法人员身兼数职",
        measure="配齐专职人员",
        deadline=datetime.date(2024, 6, 1),
    )
    item = services.rectification_close(actor=None, item=item, on=datetime.date(2024, 5, 20))
    assert item.closed_on == datetime.date(2024, 5, 20)
    with pytest.raises(ValidationError):
        services.rectification_close(actor=None, item=item, on=datetime.date(2024, 5, 21))


def test_a_county_report_counts_every_township(world, test_metrics, meeting):
    meeting(world.township)
    meeting(world.other_township)
    county = _small(world, "会议{leadership.test_meetings}次", area=world.county)
    assert "会议2次" in compose(county).text


def test_a_township_can_keep_last_years_report_as_its_template(world):
    old = services.report_create(actor=None, area=world.township, year=2022)
    section = old.sections.get(order=2)
    services.section_update(actor=None, section=section, heading="本乡自定的标题", body="", version=section.version)
    new = services.report_create(actor=None, area=world.township, year=2023, start="previous")
    assert "一、本乡自定的标题" in compose(new).text
    with pytest.raises(ValidationError) as exc:
        services.report_create(actor=None, area=world.other_township, year=2023, start="previous")
    assert "没有上一年度" in str(exc.value)
    assert not Report.objects.filter(area=world.other_township).exists()
