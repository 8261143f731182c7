import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import CHANGE, Role
from fazhi.core.registry import MINE, QuickAction, WorkItem, register_quick_action
from fazhi.petitions.choices import OPEN_STATUSES
from fazhi.petitions.models import Petition

LIMIT = 20
SOON = datetime.timedelta(days=7)
RECENT = 10

register_quick_action(
    QuickAction(gettext_lazy("登记信访"), "petitions:petition_create", "petitions", frozenset({Role.GRID_ADMIN}), 40)
)


def items(user) -> list[WorkItem]:
    """Petitions whose statutory clock (告知、办结、复查、复核) runs out within a week or has run out."""
    if not user.has_perm("petitions.change"):
        return []
    today = timezone.localdate()
    # An item shows number, status and due date: no petitioners read, no area joined. The same clock as
    # selectors.overdue_for, over the records the user may change.
    changeable = Petition.objects.visible_to(user, CHANGE).only("pk", "number", "status", "due_date")
    due = changeable.filter(status__in=OPEN_STATUSES, due_date__isnull=False, due_date__lte=today + SOON)
    mine = changeable.filter(registered_by=user).order_by("-created_at", "-id")
    return [
        WorkItem(
            module="petitions",
            section=MINE,
            title=p.number,
            url=reverse("petitions:petition_detail", args=[p.pk]),
            kind=str(_("信访")),
            state=p.get_status_display(),
        )
        for p in mine[:RECENT]
    ] + [
        WorkItem(
            module="petitions",
            title=_("%(n)s：%(s)s") % {"n": p.number, "s": p.get_status_display()},
            url=reverse("petitions:petition_detail", args=[p.pk]),
            kind=str(_("信访")),
            due=p.due_date,
            overdue=p.due_date < today,
        )
        for p in due.order_by("due_date")[:LIMIT]
    ]
