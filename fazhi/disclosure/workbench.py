"""Workbench: boards whose required posting is overdue (DOMAIN.md VPO-02, CQ-V-05), from the user's scope."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.disclosure.models import Board
from fazhi.disclosure.services import board_is_overdue, period_end_before, posting_due


def items(user) -> list[WorkItem]:
    if not user.has_perm("disclosure.view"):
        return []
    today = timezone.localdate()
    result = []
    for board in Board.objects.visible_to(user).select_related("area").prefetch_related("postings")[:200]:
        if board_is_overdue(board, today):
            due = posting_due(period_end_before(today, board.frequency))
            result.append(
                WorkItem(
                    title=_("%(a)s%(c)s公开栏逾期未公开") % {"a": board.area.name, "c": board.get_category_display()},
                    url=reverse("disclosure:board_detail", args=[board.pk]),
                    kind=_("公开栏"),
                    due=due,
                    overdue=True,
                )
            )
    return result
