"""Workbench: matters the user handles (or leads the grid of) due within a week or overdue; matters the user
registered lately and their state; matters that arrived in the user's grids from others. A grid worker's most
frequent actions are its quick buttons."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import CHANGE, Role
from fazhi.core.registry import ARRIVED, MINE, QuickAction, WorkItem, register_quick_action
from fazhi.grid.choices import OPEN_STATUSES, StaffPost
from fazhi.grid.models import GridStaff, Matter

SOON = datetime.timedelta(days=7)
LIMIT = 20
RECENT = 10
GRID_ROLES = frozenset({Role.GRID_MEMBER, Role.VILLAGE_CADRE, Role.GRID_ADMIN})

register_quick_action(QuickAction(gettext_lazy("记录走访"), "grid:visit_create", "grid", GRID_ROLES, order=10))
register_quick_action(QuickAction(gettext_lazy("登记事项"), "grid:matter_create", "grid", GRID_ROLES, order=20))


def _title(m: Matter) -> str:
    return _("%(n)s %(d)s") % {"n": m.number, "d": m.description[:20]}


def overdue_matters(user) -> list[WorkItem]:
    """Named for its first duty; it now returns everything the grid puts on the workbench."""
    if not user.has_perm("grid.change"):
        return []
    today = timezone.localdate()
    led = GridStaff.objects.active(today).filter(user=user, post=StaffPost.LEADER).values("area_id")
    changeable = Matter.objects.visible_to(user, CHANGE).only("pk", "number", "description", "due_date", "status")
    due = (
        changeable.filter(status__in=OPEN_STATUSES, due_date__lte=today + SOON)
        .filter(Q(handler=user) | Q(area_id__in=led))
        .order_by("due_date")[:LIMIT]
    )
    items = [
        WorkItem(
            module="grid",
            title=_title(m),
            url=reverse("grid:matter_detail", args=[m.pk]),
            kind=_("群众说事"),
            due=m.due_date,
            overdue=m.due_date < today,
        )
        for m in due
    ]
    arrived = (
        changeable.filter(status__in=OPEN_STATUSES, registered_on__gte=today - SOON)
        .filter(Q(handler=user) | Q(handler__isnull=True))
        .exclude(created_by=user)
        .order_by("-registered_on", "-id")[:LIMIT]
    )
    items += [
        WorkItem(
            module="grid",
            section=ARRIVED,
            title=_title(m),
            url=reverse("grid:matter_detail", args=[m.pk]),
            kind=_("群众说事"),
            due=m.due_date,
        )
        for m in arrived
    ]
    mine = Matter.objects.visible_to(user).filter(created_by=user).order_by("-created_at", "-id")[:RECENT]
    items += [
        WorkItem(
            module="grid",
            section=MINE,
            title=_title(m),
            url=reverse("grid:matter_detail", args=[m.pk]),
            kind=_("群众说事"),
            state=m.get_status_display(),
        )
        for m in mine.only("pk", "number", "description", "status")
    ]
    return items
