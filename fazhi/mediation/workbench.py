"""Workbench items for the signed-in user, from their own scope: overdue and due-soon disputes, follow-ups due."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import CHANGE, Role
from fazhi.core.registry import MINE, QuickAction, WorkItem, register_quick_action
from fazhi.mediation import selectors
from fazhi.mediation.choices import DisputeStatus
from fazhi.mediation.models import Dispute

SOON = datetime.timedelta(days=7)
LIMIT = 20
RECENT = 10

register_quick_action(
    QuickAction(
        gettext_lazy("登记纠纷"),
        "mediation:dispute_create",
        "mediation",
        frozenset({Role.MEDIATOR, Role.VILLAGE_CADRE, Role.GRID_ADMIN}),
        order=30,
    )
)


def items(user) -> list[WorkItem]:
    if not user.has_perm("mediation.change"):
        return []
    today = timezone.localdate()
    result = []
    changeable = Dispute.objects.visible_to(user, CHANGE).only("pk", "number", "title", "due_date", "status")
    disputes = changeable.filter(
        status=DisputeStatus.OPEN, due_date__isnull=False, due_date__lte=today + SOON
    ).order_by("due_date")[:LIMIT]
    for d in disputes:
        result.append(
            WorkItem(
                module="mediation",
                title=_("%(n)s %(t)s") % {"n": d.number, "t": d.title},
                url=reverse("mediation:dispute_detail", args=[d.pk]),
                kind=str(_("调解")),
                due=d.due_date,
                overdue=d.due_date < today,
            )
        )
    for f in selectors.follow_ups_due(user=user, today=today)[:LIMIT]:
        result.append(
            WorkItem(
                module="mediation",
                title=_("%(n)s %(t)s") % {"n": f.dispute.number, "t": f.dispute.title},
                url=reverse("mediation:dispute_detail", args=[f.dispute_id]),
                kind=str(_("回访")),
                due=f.due_on,
                overdue=f.due_on < today,
            )
        )
    mine = changeable.filter(created_by=user).order_by("-created_at", "-id")[:RECENT]
    result += [
        WorkItem(
            module="mediation",
            section=MINE,
            title=_("%(n)s %(t)s") % {"n": d.number, "t": d.title},
            url=reverse("mediation:dispute_detail", args=[d.pk]),
            kind=str(_("调解")),
            state=d.get_status_display(),
        )
        for d in mine
    ]
    return result
