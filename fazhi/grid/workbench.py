from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.grid import selectors


def overdue_matters(user) -> list[WorkItem]:
    """Overdue matters on the handler's and the grid leader's workbench."""
    if not user.has_perm("grid.view"):
        return []
    return [
        WorkItem(
            title=_("超期事项：%(n)s %(d)s") % {"n": m.number, "d": m.description[:20]},
            url=reverse("grid:matter_detail", args=[m.pk]),
            kind=_("群众说事"),
            due=m.due_date,
            overdue=True,
        )
        for m in selectors.matter_overdue_for(user=user)[:20]
    ]
