"""Workbench items for the signed-in user, from their own scope: overdue and due-soon disputes, follow-ups due."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.mediation import selectors
from fazhi.mediation.choices import DisputeStatus

SOON = datetime.timedelta(days=7)
LIMIT = 20


def items(user) -> list[WorkItem]:
    if not user.has_perm("mediation.view"):
        return []
    today = timezone.localdate()
    result = []
    disputes = (
        selectors.dispute_list(user=user)
        .select_related(None)  # number, title and due date only
        .filter(status=DisputeStatus.OPEN, due_date__isnull=False, due_date__lte=today + SOON)
        .order_by("due_date")[:LIMIT]
    )
    for d in disputes:
        result.append(
            WorkItem(
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
                title=_("%(n)s %(t)s") % {"n": f.dispute.number, "t": f.dispute.title},
                url=reverse("mediation:dispute_detail", args=[f.dispute_id]),
                kind=str(_("回访")),
                due=f.due_on,
                overdue=f.due_on < today,
            )
        )
    return result
