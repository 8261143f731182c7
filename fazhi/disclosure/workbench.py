"""Workbench: boards whose required posting is overdue (DOMAIN.md VPO-02, CQ-V-05), from the user's scope."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.disclosure.selectors import overdue_board_list


def items(user) -> list[WorkItem]:
    if not user.has_perm("disclosure.view"):
        return []
    return [
        WorkItem(
            title=_("%(a)s%(c)s公开栏逾期未公开") % {"a": board.area.name, "c": board.get_category_display()},
            url=reverse("disclosure:board_detail", args=[board.pk]),
            kind=_("公开栏"),
            due=board.next_due,
            overdue=True,
        )
        for board in overdue_board_list(user=user, on=timezone.localdate())
    ]
