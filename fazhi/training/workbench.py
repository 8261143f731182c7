"""Workbench warnings: yearly study minimums not yet met, shown from the configured month until the year ends."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.training import rules, selectors
from fazhi.training.services import requirement_values


def _plain(number) -> str:
    """40, 40.5 — never 40.00 or 4E+1, whichever database summed it."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def training_items(user, *, on: datetime.date | None = None) -> list[WorkItem]:
    if not user.has_perm("training.view"):
        return []
    on = on or timezone.localdate()
    needs = requirement_values()
    if on.month < int(needs[rules.WARN_FROM_MONTH]):
        return []
    year_end = datetime.date(on.year, 12, 31)
    townships = list(selectors.watched_townships(user=user))
    return [
        WorkItem(
            module="training",
            title=_("%(title)s：已完成 %(have)s，年度要求 %(need)s")
            % {"title": s.title, "have": _plain(s.have), "need": _plain(s.need)},
            url=reverse("training:session_list") + f"?year={on.year}",
            kind=_("学法培训未达标"),
            due=year_end,
            overdue=on > year_end,
        )
        for s in selectors.township_shortfalls(townships=townships, year=on.year, needs=needs)
    ]
