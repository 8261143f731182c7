"""Countable facts: what each record type offers to figure definitions (ARCHITECTURE rule 6).

An app declares, per record type that a figure may count, a `RecordType`: where its area is, the date that places
a record in a period (or, for things that stand over time — officers, advisers, grids, boards — the dates it starts
and ends), the numeric fields that can be summed, the fields whose distinct values can be counted, and its
dimensions (choice and dictionary fields, flags, the area level). A figure definition names one record type and
picks from these lists only, so a user never types a field name, and `records()` turns a definition into the
QuerySet its value and its evidence both come from.

Core knows no app: `declare()` is called from each app's AppConfig.ready(), and types defined at run time (the
ledger's) come from a provider, asked on every read as the metric registry's providers are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _


class PeriodKind:
    """How a figure places records in its year."""

    WITHIN = "within"  # 年度内发生: the record's date falls in the year
    NEW = "new"  # 年内新增: it started (was issued, appointed, set up) in the year
    STANDING = "standing"  # 年末在册: it had started by the year's end and had not ended by then
    CUMULATIVE = "cumulative"  # 截至年末累计: every record dated up to the year's end
    ACTIVE = "active"  # 年内在册: it stood at any time in the year (a grid in use, an adviser under contract)
    CURRENT = "current"  # 当前在册: a register that keeps no dates (residents, officers) counts as it is today

    CHOICES = (
        (WITHIN, _("年度内发生")),
        (NEW, _("年内新增")),
        (STANDING, _("年末在册")),
        (CUMULATIVE, _("截至年末累计")),
        (ACTIVE, _("年内在册（含年内离开的）")),
        (CURRENT, _("当前在册（不分年度）")),
    )


@dataclass(frozen=True)
class Dimension:
    """A way to filter or break down a record type's records.

    Either a field (`path`, an ORM path; `choices()` lists its values with Chinese labels — a TextChoices, a
    数据字典 category, a level) or a flag (`flag`, a condition; its values are "1" 是 and "0" 否). `multi` marks a
    path through a one-to-many relation (an activity's themes), filtered with EXISTS so a record is never counted
    twice.
    """

    name: str
    label: str
    path: str = ""
    choices: Callable[[], Sequence[tuple[str, str]]] = lambda: ()
    flag: Q | Callable[[], Q] | None = None  # a callable for a condition on today's date (overdue)
    multi: bool = False
    # The flag's callable takes the period's (start, end): a condition at the year's end ("still open at the year's
    # end", "holding a valid certificate at the year's end") that no field stores.
    relative: bool = False

    def values(self) -> list[tuple[str, str]]:
        if self.flag is not None:
            return [("1", str(_("是"))), ("0", str(_("否")))]
        return [(str(code), str(label)) for code, label in self.choices()]

    def q(
        self, model, values: Sequence[str], *, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> Q:
        if self.flag is not None:
            if self.relative:
                flag = self.flag(start, end)
            else:
                flag = self.flag() if callable(self.flag) else self.flag
            wanted = set(values)
            if wanted == {"1"}:
                return flag
            if wanted == {"0"}:
                return ~flag
            return Q()
        if self.multi:
            return Q(Exists(model._default_manager.filter(pk=OuterRef("pk"), **{f"{self.path}__in": list(values)})))
        return Q(**{f"{self.path}__in": list(values)})


@dataclass(frozen=True)
class Quantity:
    """A numeric field that can be summed, or a field whose distinct values can be counted."""

    name: str
    label: str
    path: str


@dataclass(frozen=True)
class RecordType:
    key: str  # "publicity.activity": app label and a name, stored in definitions
    label: str
    model: str  # "publicity.Activity"
    area_path: str = "area__path"
    date: str = ""  # the date that places an event in a period
    start: str = ""  # for what stands over time: when it began …
    end: str = ""  # … and when it ended (blank while it stands)
    end_inclusive: bool = False  # `end` is the last day it stood (a contract's 聘期止), not the first it did not
    base: Q = field(default_factory=Q)  # records that never count (a voided entry, a draft)
    sums: tuple[Quantity, ...] = ()
    distincts: tuple[Quantity, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    approximate: str = ""  # a 约数 flag field: a figure that honours it writes 余 when any counted record has it
    section: str = ""  # the report part its figures belong to by default
    area_owner: str = ""  # a type of one area's own (a township's ledger type): its path; "" for every area

    @property
    def standing(self) -> bool:
        return bool(self.start)

    def model_class(self):
        return apps.get_model(self.model)

    def dimension(self, name: str) -> Dimension | None:
        if name == "area_level":
            return self.area_level_dimension()
        return next((d for d in self.dimensions if d.name == name), None)

    def all_dimensions(self) -> tuple[Dimension, ...]:
        return (*self.dimensions, self.area_level_dimension())

    def area_level_dimension(self) -> Dimension:
        return Dimension(
            name="area_level",
            label=str(_("所属层级")),
            path=self.area_path.removesuffix("path") + "level",
            # the area tree's level names, read from its model: core imports no app
            choices=lambda: apps.get_model("areas.Area")._meta.get_field("level").choices,
        )

    def quantity(self, name: str, *, kind: str) -> Quantity | None:
        return next((q for q in (self.sums if kind == "sum" else self.distincts) if q.name == name), None)

    def period_kinds(self) -> tuple[tuple[str, str], ...]:
        if self.standing:
            kinds: tuple[str, ...] = (
                PeriodKind.WITHIN,
                PeriodKind.NEW,
                PeriodKind.STANDING,
                PeriodKind.CUMULATIVE,
                PeriodKind.ACTIVE,
            )
        elif self.date:
            kinds = (PeriodKind.WITHIN, PeriodKind.CUMULATIVE)
        else:
            kinds = (PeriodKind.CURRENT,)
        return tuple(c for c in PeriodKind.CHOICES if c[0] in kinds)

    def _not_ended_by(self, day: datetime.date) -> Q:
        if not self.end:
            return Q()
        lookup = "gte" if self.end_inclusive else "gt"
        return Q(**{f"{self.end}__isnull": True}) | Q(**{f"{self.end}__{lookup}": day})

    def period_q(self, kind: str, start: datetime.date, end: datetime.date) -> Q:
        when = self.start or self.date
        if kind == PeriodKind.CURRENT or not when:
            return Q()
        if kind == PeriodKind.CUMULATIVE:
            return Q(**{f"{when}__lte": end})
        if kind == PeriodKind.STANDING:
            return Q(**{f"{when}__lte": end}) & self._not_ended_by(end)
        if kind == PeriodKind.ACTIVE:
            return Q(**{f"{when}__lte": end}) & self._not_ended_by(start)
        return Q(**{f"{when}__gte": start, f"{when}__lte": end})  # within the year; for a standing type, new in it

    def records(
        self, *, area_path: str, start: datetime.date, end: datetime.date, kind: str, filters: Sequence[dict]
    ) -> QuerySet:
        """The records a definition over this type counts, in an area's subtree and a period."""
        model = self.model_class()
        qs = model._default_manager.filter(
            self.base, subtree_q(area_path, self.area_path), self.period_q(kind, start, end)
        )
        for item in filters:
            dimension = self.dimension(item["dim"])
            condition = dimension.q(model, item["values"], start=start, end=end)
            qs = qs.exclude(condition) if item.get("op") == "not_in" else qs.filter(condition)
        return qs


def subtree_q(path: str, field: str = "area__path") -> Q:
    """Rows whose area path starts with `path` (the area itself and everything under it), as an index range."""
    upper = str(int(path) + 1).zfill(len(path))
    return Q(**{f"{field}__gte": path, f"{field}__lt": upper})


RECORD_TYPES: dict[str, RecordType] = {}
_providers: list[Callable[[], Sequence[RecordType]]] = []


def declare(*record_types: RecordType) -> None:
    for record_type in record_types:
        RECORD_TYPES[record_type.key] = record_type


def register_provider(provider: Callable[[], Sequence[RecordType]]) -> None:
    """Record types defined by rows (a ledger type): asked on every read, so a type added a minute ago in another
    worker is there too."""
    _providers.append(provider)


def record_types() -> dict[str, RecordType]:
    found = dict(RECORD_TYPES)
    for provider in _providers:
        for record_type in provider():
            found[record_type.key] = record_type
    return found


def record_type(key: str) -> RecordType | None:
    return record_types().get(key)


# --- Built-in figure definitions ---------------------------------------------------------------------------------
# The figures the platform ships are definitions like any other: an app states them here, and the figures app
# keeps one read-only definition row per spec (a user copies one to change it). Their keys are what report text
# has always named ({publicity.activities}), so existing reports read on.


class Aggregation:
    COUNT = "count"  # 计数: how many records
    SUM = "sum"  # 求和: the sum of a quantity
    DISTINCT = "distinct"  # 去重计数: how many different values of a field (villages covered, enterprises)

    CHOICES = ((COUNT, _("计数（记录条数）")), (SUM, _("求和")), (DISTINCT, _("去重计数")))


class Writing:
    EXACT = "exact"  # 12 → "12"
    YU = "yu"  # as reports write rough quantities: 1234 → "1000余"; a round or small number stays exact
    FLAG = "flag"  # like YU, and when any counted record is marked 约数, "余" even on a round number

    CHOICES = ((EXACT, _("精确数")), (YU, _("约数（如“1000余”）")), (FLAG, _("按记录的“约数”标记")))


@dataclass(frozen=True)
class FigureSpec:
    key: str
    label: str
    unit: str
    record_type: str
    aggregation: str = Aggregation.COUNT
    field: str = ""  # a sums/distincts name of the record type
    filters: tuple[dict, ...] = ()  # {"dim": name, "op": "in" | "not_in", "values": [codes]}
    period: str = PeriodKind.WITHIN
    writing: str = Writing.EXACT
    section: str = ""  # "" → the record type's section
    phrase: str = ""  # how a report sentence states it: "开展普法宣传活动{值}次"


BUILTIN_FIGURES: dict[str, FigureSpec] = {}


def builtin(*specs: FigureSpec, phrases: dict[str, str] | None = None) -> None:
    """Declare an app's built-in figures; `phrases` gives, by key, how a first draft states a figure ("开展普法宣传
    活动{值}次"): a figure without one is offered beside the draft, not written into it."""
    phrases = phrases or {}
    for spec in specs:
        if spec.key in phrases:
            spec = replace(spec, phrase=str(phrases[spec.key]))
        BUILTIN_FIGURES[spec.key] = spec
