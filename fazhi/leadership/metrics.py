"""Figures the leadership app contributes to the annual report (the 第一责任人 part, AR-05 (3))."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.leadership import selectors
from fazhi.leadership.choices import DutyKind, TaskProgress

SECTION = _("加强组织领导")


def meetings(*, area, period: Period):
    return selectors.meetings_in(area=area, period=period)


def law_reports(*, area, period: Period):
    return selectors.duties_in(area=area, period=period, kind=DutyKind.LAW_REPORT)


def court_appearances(*, area, period: Period):
    return selectors.duties_in(area=area, period=period, kind=DutyKind.COURT_APPEARANCE)


def plan_tasks(*, area, period: Period):
    return selectors.plan_tasks_in(area=area, period=period)


def plan_tasks_done(*, area, period: Period):
    return selectors.plan_tasks_in(area=area, period=period).filter(progress=TaskProgress.DONE)


def register_all() -> None:
    register(key="leadership.meetings", label=_("研究法治工作的会议"), unit=_("次"), section=SECTION, records=meetings)
    register(key="leadership.law_reports", label=_("述法"), unit=_("次"), section=SECTION, records=law_reports)
    register(
        key="leadership.court_appearances",
        label=_("负责人出庭应诉"),
        unit=_("次"),
        section=SECTION,
        records=court_appearances,
    )
    register(
        key="leadership.plan_tasks", label=_("年度工作计划任务"), unit=_("项"), section=SECTION, records=plan_tasks
    )
    register(
        key="leadership.plan_tasks_done",
        label=_("已完成的年度计划任务"),
        unit=_("项"),
        section=SECTION,
        records=plan_tasks_done,
    )
    register_more()


def annual_hearings(*, area, period: Period):
    return selectors.meetings_in(area=area, period=period).filter(hears_annual_report=True)


def register_more() -> None:
    register(
        key="leadership.annual_hearings",
        label=_("专题听取法治政府建设情况汇报"),
        unit=_("次"),
        section=SECTION,
        records=annual_hearings,
    )
