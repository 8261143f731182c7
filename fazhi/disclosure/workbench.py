"""Workbench: boards whose required posting is overdue (docs/law.md VPO-02, CQ-V-05), from the user's scope."""

from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.disclosure.selectors import overdue_boards

LIMIT = 20


def items(user) -> list[WorkItem]:
    """The longest-overdue boards, and one line for the rest: a county has hundreds, which no list can show."""
    if not user.has_perm("disclosure.view"):
        return []
    # Each row carries the number of all overdue boards (a window over the whole result): one query for both.
    overdue = overdue_boards(user=user, on=timezone.localdate()).annotate(total=Window(Count("id")))
    shown = list(overdue[:LIMIT])
    result = [
        WorkItem(
            module="disclosure",
            title=_("%(a)s%(c)s公开栏逾期未公开") % {"a": board.area.name, "c": board.get_category_display()},
            url=reverse("disclosure:board_detail", args=[board.pk]),
            kind=_("公开栏"),
            due=board.next_due_on,
            overdue=True,
        )
        for board in shown
    ]
    if shown and shown[0].total > LIMIT:
        result.append(
            WorkItem(
                module="disclosure",
                title=_("另有%(n)d个公开栏逾期未公开") % {"n": shown[0].total - LIMIT},
                url=reverse("disclosure:board_list"),
                kind=_("公开栏"),
                overdue=True,
            )
        )
    return result
