"""Extension points that domain apps fill from their AppConfig.ready(): navigation, workbench items,
dictionary categories and demo-data loaders. Core knows none of the apps by name."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    module: str  # shown to users who may view this module
    group: str = ""
    order: int = 100


# Where an item stands on the workbench: a thing to do, a record the user registered lately (with its state), or
# something that arrived for the user's area (a public request, a matter handed on).
TODO = "todo"
MINE = "mine"
ARRIVED = "arrived"


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    kind: str
    due: datetime.date | None = None
    overdue: bool = False
    # The module whose change right acting on the item takes: a to-do without it is not the user's to do.
    module: str = ""
    section: str = TODO
    state: str = ""  # the record's state, shown for what the user registered


@dataclass(frozen=True)
class QuickAction:
    """A big button on the workbench for what a role does most (a grid worker: 记录走访, 登记事项)."""

    label: str
    url_name: str
    module: str  # shown only with the change right on it
    roles: frozenset[str]
    order: int = 100


@dataclass(frozen=True)
class Attachment:
    """A model's file field and who may read its files: `visible(user)` is the field's model, narrowed to the
    records the user may read. Files are served only through this (core.views.media_view)."""

    file_field: Any  # models.FileField
    visible: Callable  # (user) -> QuerySet

    @property
    def prefix(self) -> str:
        """Where its files are stored: the upload_to folder before its date parts."""
        return str(self.file_field.upload_to).split("%")[0]


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    workbench: list[Callable] = field(default_factory=list)  # (user) -> list[WorkItem]
    dictionaries: dict[str, tuple[str, list[tuple[str, str]]]] = field(default_factory=dict)
    demo_loaders: list[tuple[int, Callable]] = field(default_factory=list)  # (order, (context) -> None)
    deadline_rules: dict[str, dict] = field(default_factory=dict)  # key -> DeadlineRule fields
    generators: list[tuple[int, Callable]] = field(default_factory=list)  # (order, (context) -> None)
    attachments: list[Attachment] = field(default_factory=list)
    quick_actions: list[QuickAction] = field(default_factory=list)
    # (request) -> response or None: a page that stands in for the workbench for users who act on nothing
    # (the county's read-only 督察 gets an oversight page); set by an upper layer, core knows none by name.
    oversight: Callable | None = None


registry = Registry()


def register_nav(item: NavItem) -> None:
    if item not in registry.nav:
        registry.nav.append(item)


def register_workbench(provider: Callable) -> None:
    if provider not in registry.workbench:
        registry.workbench.append(provider)


def register_quick_action(action: QuickAction) -> None:
    if action not in registry.quick_actions:
        registry.quick_actions.append(action)


def register_oversight(view: Callable) -> None:
    registry.oversight = view


def register_dictionary(category: str, label: str, defaults: list[tuple[str, str]]) -> None:
    """Declare an admin-editable list with its default (code, label) items."""
    registry.dictionaries[category] = (label, defaults)


def register_demo_loader(loader: Callable, order: int = 100) -> None:
    if all(existing is not loader for _o, existing in registry.demo_loaders):
        registry.demo_loaders.append((order, loader))


def register_deadline_rule(*, key: str, label: str, days: int, unit: str, source: str, certainty: str = "") -> None:
    """Declare a period's default; its row (and any later admin version) lives in core.DeadlineRule."""
    registry.deadline_rules[key] = {
        "label": label,
        "days": days,
        "unit": unit,
        "source": source,
        "certainty": certainty,
    }


def register_generator(generator: Callable, order: int = 100) -> None:
    """Synthetic-data step for `manage.py generate_area` (benchmarks); `generator(context)` bulk-inserts."""
    if all(existing is not generator for _o, existing in registry.generators):
        registry.generators.append((order, generator))


def register_attachment(file_field, visible: Callable) -> None:
    """Declare a file field whose files a user may download when `visible(user)` holds the record that has them."""
    if all(existing.file_field is not file_field for existing in registry.attachments):
        registry.attachments.append(Attachment(file_field, visible))
