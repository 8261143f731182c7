from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.petitions import selectors

LIMIT = 20


def items(user) -> list[WorkItem]:
    """Petitions whose statutory clock (告知、办结、复查、复核) runs out within a week or has run out."""
    if not user.has_perm("petitions.view"):
        return []
    today = timezone.localdate()
    # An item shows number, status and due date: no petitioners read, no area joined.
    due = selectors.overdue_for(user=user, today=today).prefetch_related(None).select_related(None)
    return [
        WorkItem(
            title=_("%(n)s：%(s)s") % {"n": p.number, "s": p.get_status_display()},
            url=reverse("petitions:petition_detail", args=[p.pk]),
            kind=str(_("信访")),
            due=p.due_date,
            overdue=p.due_date < today,
        )
        for p in due.order_by("due_date")[:LIMIT]
    ]
