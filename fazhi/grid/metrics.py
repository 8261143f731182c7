"""Figures the grid app contributes to the annual report (seed report 一(五): 11个综合治理网格, "一长三员")."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import Area, Level, subtree_q
from fazhi.core.metrics import Period, register
from fazhi.grid.choices import MatterStatus, Satisfaction, StaffPost
from fazhi.grid.models import GridStaff, Matter, Visit

SECTION = _("聚焦基层治理，助力平安建设")


def grids(*, area, period: Period):
    """Grids of `area` in use at any time during the period."""
    return Area.objects.filter(
        subtree_q(area.path, "path"),
        Q(level=Level.GRID),
        Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gt=period.start),
    ).order_by("path")


def staff(*, area, period: Period):
    """Grid staff posts held at any time during the period."""
    return GridStaff.objects.filter(
        subtree_q(area.path, "area__path"),
        Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gt=period.start),
    ).order_by("area__path", "post", "id")


def staff_by_post(post: str):
    def records(*, area, period: Period):
        return staff(area=area, period=period).filter(post=post)

    return records


def matters_raised(*, area, period: Period):
    return Matter.objects.filter(
        subtree_q(area.path, "area__path"), registered_on__gte=period.start, registered_on__lte=period.end
    ).order_by("registered_on", "id")


def matters_closed(*, area, period: Period):
    """Matters closed (办结, incl. later followed up) or handed over to mediation/petitions during the period."""
    return Matter.objects.filter(
        subtree_q(area.path, "area__path"), closed_on__gte=period.start, closed_on__lte=period.end
    ).order_by("closed_on", "id")


def matters_overdue(*, area, period: Period):
    """Matters due within the period that were not closed by their due date (working-day deadlines)."""
    return (
        Matter.objects.filter(subtree_q(area.path, "area__path"), due_date__gte=period.start, due_date__lte=period.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=F("due_date")))
        .order_by("due_date", "id")
    )


def matters_followed_up(*, area, period: Period):
    return Matter.objects.filter(
        subtree_q(area.path, "area__path"),
        status=MatterStatus.FOLLOWED_UP,
        followed_up_on__gte=period.start,
        followed_up_on__lte=period.end,
    ).order_by("followed_up_on", "id")


def matters_satisfied(*, area, period: Period):
    """Followed-up matters rated 满意 or 基本满意 (the satisfaction rate = this / matters_followed_up)."""
    return matters_followed_up(area=area, period=period).filter(
        satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.FAIRLY]
    )


def visits(*, area, period: Period):
    return Visit.objects.filter(
        subtree_q(area.path, "area__path"), visited_on__gte=period.start, visited_on__lte=period.end
    ).order_by("visited_on", "id")


def register_all() -> None:
    unit_grid, unit_person, unit_item = _("个"), _("人"), _("件")
    register(key="grid.grids", label=_("综合治理网格"), unit=unit_grid, section=SECTION, records=grids)
    register(key="grid.staff", label=_("网格工作人员（一长三员）"), unit=unit_person, section=SECTION, records=staff)
    for post in StaffPost:
        register(
            key=f"grid.staff.{post.value}",
            label=post.label,
            unit=unit_person,
            section=SECTION,
            records=staff_by_post(post.value),
        )
    register(
        key="grid.matters_raised", label=_("群众说事受理"), unit=unit_item, section=SECTION, records=matters_raised
    )
    register(
        key="grid.matters_closed", label=_("群众说事办结"), unit=unit_item, section=SECTION, records=matters_closed
    )
    register(
        key="grid.matters_overdue", label=_("群众说事超期"), unit=unit_item, section=SECTION, records=matters_overdue
    )
    register(
        key="grid.matters_followed_up",
        label=_("群众说事回访"),
        unit=unit_item,
        section=SECTION,
        records=matters_followed_up,
    )
    register(
        key="grid.matters_satisfied",
        label=_("回访满意（含基本满意）"),
        unit=unit_item,
        section=SECTION,
        records=matters_satisfied,
    )
    register(key="grid.visits", label=_("网格走访"), unit=_("次"), section=SECTION, records=visits)
