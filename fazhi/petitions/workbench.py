from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import CHANGE, Role
from fazhi.core.registry import MINE, QuickAction, WorkItem, register_quick_action
from fazhi.petitions import selectors
from fazhi.petitions.models import Petition

LIMIT = 20
RECENT = 10

register_quick_action(
    QuickAction(gettext_lazy("登记信访"), "petitions:petition_create", "petitions", frozenset({Role.GRID_ADMIN}), 40)
)


def items(user) -> list[WorkItem]:
    """Petitions whose statutory clock (告知、办结、复查、复核) runs out within a week or has run out."""
    if not user.has_perm("petitions.change"):
        return []
    today = timezone.localdate()
    # An item shows number, status and due date: no petitioners read, no area joined.
    due = (
        selectors.overdue_for(user=user, today=today)
        .filter(pk__in=Petition.objects.visible_to(user, CHANGE).values("pk"))
        .prefetch_related(None)
        .select_related(None)
    )
    mine = Petition.objects.visible_to(user, CHANGE).filter(registered_by=user).order_by("-created_at", "-id")
    return [
        WorkItem(
            module="petitions",
            section=MINE,
            title=p.number,
            url=reverse("petitions:petition_detail", args=[p.pk]),
            kind=str(_("信访")),
            state=p.get_status_display(),
        )
        for p in mine.only("pk", "number", "status")[:RECENT]
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
