"""Figures the grid app contributes to the annual report (seed report 一(五): 11个综合治理网格, "一长三员")."""

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import Level
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.facts import Dimension, FigureSpec, PeriodKind, Quantity, RecordType, builtin, declare
from fazhi.grid.choices import CATEGORY, MatterSource, MatterStatus, Satisfaction, StaffPost
from fazhi.grid.models import Matter

SECTION = _("聚焦基层治理，助力平安建设")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

# A matter is counted by whichever of its dates a figure is about: registered, happened, closed, due, followed up.
_MATTER_DIMENSIONS = (
    Dimension("category", _("事项类别"), "category", choices=lambda: dictionary_choices(CATEGORY)),
    Dimension("source", _("来源"), "source", choices=lambda: MatterSource.choices),
    Dimension("status", _("办理状态"), "status", choices=lambda: MatterStatus.choices),
    Dimension("satisfaction", _("群众满意度"), "satisfaction", choices=lambda: Satisfaction.choices),
    Dimension("closed_on_time", _("在办理期限内办结"), flag=Q(closed_on__lte=F("due_date"))),
    # As the overdue figure counts: not closed at all, or closed after the due date (whether or not it has passed).
    Dimension("not_on_time", _("未在办理期限内办结"), flag=Q(closed_on__isnull=True) | Q(closed_on__gt=F("due_date"))),
    Dimension(
        "overdue_open",
        _("已超期仍未办结"),
        flag=lambda: Q(closed_on__isnull=True, due_date__lt=timezone.localdate()),
    ),
    Dimension("from_visit", _("走访中发现"), flag=Q(visit__isnull=False)),
)
_MATTER_DISTINCTS = (
    Quantity("area", _("村（社区）、网格"), "area"),
    Quantity("resident", _("反映人（登记居民）"), "resident"),
)


def _matter_type(key: str, label: str, date: str) -> RecordType:
    return RecordType(
        key=key,
        label=label,
        model="grid.Matter",
        date=date,
        distincts=_MATTER_DISTINCTS,
        dimensions=_MATTER_DIMENSIONS,
        section=SECTION,
    )


RECORD_TYPES = (
    RecordType(
        key="grid.grid",
        label=_("综合治理网格"),
        model="areas.Area",
        area_path="path",
        start="valid_from",
        end="valid_to",
        base=Q(level=Level.GRID),
        section=SECTION,
    ),
    RecordType(
        key="grid.staff",
        label=_("网格工作人员（一长三员）"),
        model="grid.GridStaff",
        start="valid_from",
        end="valid_to",
        distincts=(Quantity("name", _("姓名"), "name"), Quantity("area", _("网格"), "area")),
        dimensions=(
            Dimension("post", _("岗位"), "post", choices=lambda: StaffPost.choices),
            Dimension("has_account", _("有平台账号"), flag=Q(user__isnull=False)),
        ),
        section=SECTION,
    ),
    _matter_type("grid.matter", _("群众说事（按登记日期）"), "registered_on"),
    # A matter recorded after the fact belongs, by this type, to the year it happened in.
    _matter_type("grid.matter_happened", _("群众说事（按发生日期）"), "happened_on"),
    _matter_type("grid.matter_closed", _("群众说事（按办结日期）"), "closed_on"),
    _matter_type("grid.matter_due", _("群众说事（按办理期限）"), "due_date"),
    _matter_type("grid.matter_followed_up", _("群众说事（按回访日期）"), "followed_up_on"),
    RecordType(
        key="grid.visit",
        label=_("网格走访"),
        model="grid.Visit",
        date="visited_on",
        distincts=(
            Quantity("household", _("走访户数"), "household"),
            Quantity("visitor", _("走访人"), "visitor"),
            Quantity("area", _("网格"), "area"),
        ),
        # EXISTS, not a join: a visit that raised two matters is still one visit.
        dimensions=(
            Dimension(
                "raised_matter",
                _("走访中发现事项"),
                flag=lambda: Q(Exists(Matter.objects.filter(visit=OuterRef("pk")))),
            ),
        ),
        section=SECTION,
    ),
)


def _figures() -> list[FigureSpec]:
    unit_person, unit_item = _("人"), _("件")
    # "In use at any time during the year", as the report has always counted grids and posts.
    active = PeriodKind.ACTIVE
    followed_up = {"dim": "status", "values": [MatterStatus.FOLLOWED_UP.value]}
    return [
        FigureSpec(key="grid.grids", label=_("综合治理网格"), unit=_("个"), record_type="grid.grid", period=active),
        FigureSpec(
            key="grid.staff",
            label=_("网格工作人员（一长三员）"),
            unit=unit_person,
            record_type="grid.staff",
            period=active,
        ),
        *(
            FigureSpec(
                key=f"grid.staff.{post.value}",
                label=post.label,
                unit=unit_person,
                record_type="grid.staff",
                filters=({"dim": "post", "values": [post.value]},),
                period=active,
            )
            for post in StaffPost
        ),
        FigureSpec(key="grid.matters_raised", label=_("群众说事受理"), unit=unit_item, record_type="grid.matter"),
        FigureSpec(
            key="grid.matters_closed", label=_("群众说事办结"), unit=unit_item, record_type="grid.matter_closed"
        ),
        FigureSpec(
            key="grid.matters_overdue",
            label=_("群众说事超期"),
            unit=unit_item,
            record_type="grid.matter_due",
            filters=({"dim": "not_on_time", "values": ["1"]},),
        ),
        FigureSpec(
            key="grid.matters_followed_up",
            label=_("群众说事回访"),
            unit=unit_item,
            record_type="grid.matter_followed_up",
            filters=(followed_up,),
        ),
        FigureSpec(
            key="grid.matters_satisfied",
            label=_("回访满意（含基本满意）"),
            unit=unit_item,
            record_type="grid.matter_followed_up",
            filters=(
                followed_up,
                {"dim": "satisfaction", "values": [Satisfaction.SATISFIED.value, Satisfaction.FAIRLY.value]},
            ),
        ),
        FigureSpec(key="grid.visits", label=_("网格走访"), unit=_("次"), record_type="grid.visit"),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "grid.grids": _("划分综合治理网格{值}个"),
    "grid.staff": _("配备网格工作人员{值}人"),
    "grid.matters_raised": _("受理群众说事{值}件"),
    "grid.matters_closed": _("办结群众说事{值}件"),
    "grid.visits": _("开展网格走访{值}次"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)
