"""The workbench: what the signed-in user does today, gathered from every app's provider (registry.workbench).

Only what the user can act on is a to-do: an item whose module the user may not change is dropped, whoever's
scope it lies in, so a read-only county 督察 gets none. Long-overdue items go into one folded group with a count;
the top of the page is what is due today and this week.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse

from fazhi.core.registry import ARRIVED, MINE, TODO, QuickAction, WorkItem, registry

WEEK = datetime.timedelta(days=7)
LONG_OVERDUE = datetime.timedelta(days=30)
QUICK_ACTIONS_SHOWN = 3


@dataclass
class Workbench:
    today: list[WorkItem] = field(default_factory=list)  # overdue up to a month, due today, or undated
    week: list[WorkItem] = field(default_factory=list)
    later: list[WorkItem] = field(default_factory=list)
    long_overdue: list[WorkItem] = field(default_factory=list)
    mine: list[WorkItem] = field(default_factory=list)
    arrived: list[WorkItem] = field(default_factory=list)
    counts: list[tuple[str, int]] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)  # (label, url)

    @property
    def todo_count(self) -> int:
        return len(self.today) + len(self.week) + len(self.later) + len(self.long_overdue)


def _actionable(user, item: WorkItem) -> bool:
    return item.section == MINE or (bool(item.module) and user.has_perm(f"{item.module}.change"))


def _sort_key(item: WorkItem):
    return (item.due or datetime.date.max, item.title)


def quick_actions(user, roles: set[str]) -> list[tuple[str, str]]:
    """The role's most frequent actions, for the modules the user may change; at most three."""
    chosen: list[QuickAction] = sorted(
        (a for a in registry.quick_actions if a.roles & roles and user.has_perm(f"{a.module}.change")),
        key=lambda a: a.order,
    )
    seen, out = set(), []
    for action in chosen:
        if action.url_name not in seen:
            seen.add(action.url_name)
            out.append((action.label, reverse(action.url_name)))
    return out[:QUICK_ACTIONS_SHOWN]


def build(user, *, on: datetime.date, roles: set[str]) -> Workbench:
    bench = Workbench()
    for provider in registry.workbench:
        for item in provider(user):
            if not _actionable(user, item):
                continue
            if item.section == MINE:
                bench.mine.append(item)
            elif item.section == ARRIVED:
                bench.arrived.append(item)
            elif item.section == TODO:
                if item.due is None or item.due <= on:
                    if item.due is not None and item.due < on - LONG_OVERDUE:
                        bench.long_overdue.append(item)
                    else:
                        bench.today.append(item)
                elif item.due <= on + WEEK:
                    bench.week.append(item)
                else:
                    bench.later.append(item)
    for group in (bench.today, bench.week, bench.later, bench.long_overdue, bench.arrived):
        group.sort(key=_sort_key)
    todo = [*bench.today, *bench.week, *bench.later, *bench.long_overdue, *bench.arrived]
    bench.counts = sorted(Counter(str(item.kind) for item in todo).items(), key=lambda kv: (-kv[1], kv[0]))
    bench.actions = quick_actions(user, roles)
    return bench
