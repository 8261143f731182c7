"""Figures the leadership app contributes to the annual report (the 第一责任人 part, AR-05 (3))."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Dimension, FigureSpec, Quantity, RecordType, builtin, declare
from fazhi.leadership.choices import DutyKind, GroupPost, MeetingKind, TaskProgress

SECTION = _("加强组织领导")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

RECORD_TYPES = (
    RecordType(
        key="leadership.meeting",
        label=_("研究法治工作的会议"),
        model="leadership.Meeting",
        date="held_on",
        dimensions=(
            Dimension("kind", _("会议类型"), "kind", choices=lambda: MeetingKind.choices),
            Dimension("hears_annual_report", _("专题听取法治政府建设情况汇报"), flag=Q(hears_annual_report=True)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="leadership.duty",
        label=_("第一责任人履职"),
        model="leadership.Duty",
        date="occurred_on",
        distincts=(Quantity("person", _("负责人"), "person"),),
        dimensions=(
            Dimension("kind", _("履职类别"), "kind", choices=lambda: DutyKind.choices),
            Dimension("done", _("已落实"), flag=Q(done=True)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="leadership.plan_task",
        label=_("年度工作计划任务（按完成时限）"),
        model="leadership.PlanTask",
        area_path="plan__area__path",
        date="deadline",
        distincts=(Quantity("unit", _("责任单位"), "unit"),),
        dimensions=(Dimension("progress", _("进度"), "progress", choices=lambda: TaskProgress.choices),),
        section=SECTION,
    ),
    RecordType(
        key="leadership.group_member",
        label=_("法治建设领导小组成员"),
        model="leadership.GroupMember",
        area_path="group__area__path",
        start="valid_from",
        end="valid_to",
        distincts=(Quantity("name", _("姓名"), "name"),),
        dimensions=(Dimension("post", _("小组职务"), "post", choices=lambda: GroupPost.choices),),
        section=SECTION,
    ),
)


def _figures() -> list[FigureSpec]:
    def spec(key, label, unit, record_type, *filters) -> FigureSpec:
        return FigureSpec(key=key, label=label, unit=unit, record_type=record_type, filters=filters)

    return [
        spec("leadership.meetings", _("研究法治工作的会议"), _("次"), "leadership.meeting"),
        spec(
            "leadership.law_reports",
            _("述法"),
            _("次"),
            "leadership.duty",
            {"dim": "kind", "values": [DutyKind.LAW_REPORT.value]},
        ),
        spec(
            "leadership.court_appearances",
            _("负责人出庭应诉"),
            _("次"),
            "leadership.duty",
            {"dim": "kind", "values": [DutyKind.COURT_APPEARANCE.value]},
        ),
        spec("leadership.plan_tasks", _("年度工作计划任务"), _("项"), "leadership.plan_task"),
        spec(
            "leadership.plan_tasks_done",
            _("已完成的年度计划任务"),
            _("项"),
            "leadership.plan_task",
            {"dim": "progress", "values": [TaskProgress.DONE.value]},
        ),
        spec(
            "leadership.annual_hearings",
            _("专题听取法治政府建设情况汇报"),
            _("次"),
            "leadership.meeting",
            {"dim": "hears_annual_report", "values": ["1"]},
        ),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "leadership.meetings": _("召开会议研究法治工作{值}次"),
    "leadership.annual_hearings": _("专题听取法治政府建设情况汇报{值}次"),
    "leadership.law_reports": _("主要负责人述法{值}次"),
    "leadership.plan_tasks_done": _("完成年度法治建设计划任务{值}项"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)
