"""The metric registry: every figure in a report is computed from the records it counts.

A `Metric` has `records(*, area, period)`, the QuerySet of records behind it; its value is their count, the sum
of `sum_field` or the number of distinct `distinct_field` values, computed from exactly that QuerySet, so a figure
and its evidence list can never disagree. A derived figure (a rate, a change against last year, one part of a
breakdown) combines the values of its `parts`. The figures app turns every figure definition into a Metric.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections, router
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def shifted(self, years: int) -> "Period":
        if not years:
            return self
        return Period(self.start.replace(year=self.start.year + years), self.end.replace(year=self.end.year + years))


# Compared and hashed by identity: a figure is its registration (the ledger registers a changed measure anew), and
# hashing the fields would translate the lazy label, unit and section each time a figures page looks one up.
@dataclass(frozen=True, eq=False)
class Metric:
    key: str
    label: str
    unit: str
    section: str
    records: Callable[..., QuerySet]
    sum_field: str | None = None
    area_path: str = ""  # a figure of one area's own (a township's or a county's); "" for every area
    distinct_field: str | None = None
    # A derived figure: its parts (a metric and a year offset: -1 for last year), and how their values combine
    # into its own (None where it is undefined, as a rate over zero). Its evidence is its first part's records.
    parts: tuple[tuple["Metric", int], ...] = ()
    combine: Callable[[list], int | Decimal | None] | None = None

    def applies_to(self, area) -> bool:
        """Whether the figure belongs on `area`'s pages: it is everyone's, or `area` is inside or above its own."""
        return not self.area_path or area.path.startswith(self.area_path) or self.area_path.startswith(area.path)

    def evidence(self, *, area, period: Period) -> QuerySet:
        return self.records(area=area, period=period)

    def value(self, *, area, period: Period) -> int | Decimal | None:
        if self.parts:
            return self.combine([part.value(area=area, period=period.shifted(years)) for part, years in self.parts])
        qs = self.evidence(area=area, period=period)
        if self.sum_field:
            return qs.aggregate(total=Sum(self.sum_field))["total"] or 0
        if self.distinct_field:
            return qs.aggregate(total=Count(self.distinct_field, distinct=True))["total"]
        return qs.count()


# Filled only by the providers: every figure is defined by rows (figure definitions, a ledger type's measures), none
# by code. METRICS is per process and empty until the first refresh(), and a worker started before a row was added
# would lack its figure: a provider brings the registry up to date with the database, so whoever reads the registry
# for a page, a report or a roll-up reads what refresh() returns.
METRICS: dict[str, Metric] = {}
_providers: list[Callable[[], object]] = []


def register_provider(provider: Callable[[], object]) -> None:
    _providers.append(provider)


def refresh() -> dict[str, Metric]:
    for provider in _providers:
        provider()
    return METRICS


# --- Many figures at once --------------------------------------------------------------------------------------
# A page of figures would otherwise run one query per figure and period. `metric_values` computes them from the
# very same QuerySets as `Metric.value` (each one's SQL, as Django compiles it, becomes a scalar subquery), so a
# figure still counts exactly its evidence list; only the round trips are shared. Plain SQL that SQLite and
# PostgreSQL both run: SELECT (SELECT COUNT(*) FROM (<records>) m0), (SELECT SUM(v) FROM (<records>, field AS v) m1)…

SUBQUERIES_PER_QUERY = 40  # keeps each statement readable in logs and well under SQLite's 999 parameters
_SUM_ALIAS = "fazhi_metric_sum"


def _records_sql(qs: QuerySet, connection) -> tuple[str, tuple]:
    # Like QuerySet.count() / .aggregate(): ordering never changes a count or a sum unless it limits the rows.
    if not qs.query.is_sliced and not qs.query.distinct_fields:
        qs = qs.order_by()
    return qs.query.get_compiler(connection=connection).as_sql()


def _subquery(metric: Metric, qs: QuerySet, alias: str, connection) -> tuple[str, tuple, list]:
    """One (SELECT aggregate FROM (records) alias), its parameters and the converters `aggregate()` would apply."""
    quote = connection.ops.quote_name
    if metric.distinct_field:
        sql, params = _records_sql(qs.annotate(**{_SUM_ALIAS: F(metric.distinct_field)}), connection)
        return f"(SELECT COUNT(DISTINCT {quote(_SUM_ALIAS)}) FROM ({sql}) {quote(alias)})", params, []
    if not metric.sum_field:
        sql, params = _records_sql(qs, connection)
        return f"(SELECT COUNT(*) FROM ({sql}) {quote(alias)})", params, []
    total = Sum(metric.sum_field).resolve_expression(qs.query.chain())  # its output field, as aggregate() has it
    converters = connection.ops.get_db_converters(total) + total.get_db_converters(connection)
    sql, params = _records_sql(qs.annotate(**{_SUM_ALIAS: F(metric.sum_field)}), connection)
    return f"(SELECT SUM({quote(_SUM_ALIAS)}) FROM ({sql}) {quote(alias)})", params, [(converters, total)]


def metric_values(*, area, requests: Sequence[tuple[Metric, Period]]) -> list[int | Decimal | None]:
    """`metric.value(area=area, period=period)` for every (metric, period) requested, in request order.

    One query per SUBQUERIES_PER_QUERY figures (fewer if the database takes fewer parameters), whatever the
    number of records behind them; a derived figure's parts are computed in the same queries.
    """
    plain: dict[tuple[Metric, Period], None] = {}

    def collect(metric: Metric, period: Period) -> None:
        if metric.parts:
            for part, years in metric.parts:
                collect(part, period.shifted(years))
        else:
            plain.setdefault((metric, period), None)

    for metric, period in requests:
        collect(metric, period)
    known = dict(zip(plain, _plain_values(area=area, requests=list(plain)), strict=True))

    def value(metric: Metric, period: Period):
        if metric.parts:
            return metric.combine([value(part, period.shifted(years)) for part, years in metric.parts])
        return known[(metric, period)]

    return [value(metric, period) for metric, period in requests]


def _plain_values(*, area, requests: Sequence[tuple[Metric, Period]]) -> list[int | Decimal]:
    results: list[int | Decimal] = []
    batch: list[tuple[str, tuple, list]] = []
    batch_params = 0

    def run() -> None:
        nonlocal batch, batch_params
        if not batch:
            return
        sql = "SELECT " + ", ".join(part for part, _params, _conv in batch)
        params = [p for _part, part_params, _conv in batch for p in part_params]
        with _figures_cursor(connections[db]) as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        for value, (_part, _params, converters) in zip(row, batch, strict=True):
            for funcs, expression in converters:
                for func in funcs:
                    value = func(value, expression, connections[db])
            results.append(value or 0)  # as Metric.value: an empty sum is 0, an empty distinct count too
        batch, batch_params = [], 0

    # A figure whose records do not depend on the period (a registry snapshot) compiles to the same SQL for this
    # year and last: each distinct statement runs once and answers every request that compiled to it.
    today = timezone.localdate()
    compiled = [_compiled(metric, area, period, today) for metric, period in requests]
    distinct = list(dict.fromkeys((template, params) for template, params, _c, _m in compiled))
    answer = {part: i for i, part in enumerate(distinct)}
    by_part = {(template, params): (converters, model) for template, params, converters, model in compiled}
    db = None
    for template, params in distinct:
        converters, model = by_part[(template, params)]
        alias = router.db_for_read(model)
        if db is not None and alias != db:
            run()
        db = alias
        limit = connections[db].features.max_query_params or 10**6
        if batch and (len(batch) >= SUBQUERIES_PER_QUERY or batch_params + len(params) > limit):
            run()
        batch.append((template.replace(_ALIAS_SLOT, f"m{len(batch)}"), params, converters))
        batch_params += len(params)
    run()
    return [results[answer[(template, params)]] for template, params, _c, _m in compiled]


# On PostgreSQL a statement of 40 figures took 12–14 ms to plan and 1–8 ms to run (a county of 250,000 residents).
# Prepared, it is planned afresh for its first five runs on a connection and then, when the generic plan is not
# dearer (plan_cache_mode=auto), run from that plan: about 3 ms. A page of figures, a report and each township of a
# roll-up run the same statements; only the area and year differ. So these statements go through a server-binding
# cursor, which psycopg prepares (settings: prepare_threshold); every other query keeps Django's client-side
# binding, which never prepares, so no other plan is shared between scopes.
def _figures_cursor(connection):
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor  # psycopg 3; not imported on SQLite

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
    # Wrapped as connection.cursor() wraps its own: execute_wrappers and query logging and counting still see it.
    return _PreparedDebugCursor(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


class _PreparedDebugCursor(CursorDebugWrapper):
    # Django logs the text psycopg last sent, and a prepared run sends none: the statement is logged as written.
    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return super(CursorDebugWrapper, self).execute(sql, params)


# Building and compiling ~80 QuerySets costs a figures page more than running them, and the SQL of a figure
# depends only on the metric, the area, the period and today's date (figures that count what is overdue), never
# on the data; so it is compiled once per process for those. Bounded: cleared when it grows past _CACHE_SIZE.
_ALIAS_SLOT = "fazhi_metric_alias_slot"
_CACHE_SIZE = 20000
_compiled_cache: dict[tuple, tuple[str, tuple, list, type]] = {}


def _compiled(metric: Metric, area, period: Period, today: datetime.date) -> tuple[str, tuple, list, type]:
    key = (metric, area.pk, area.path, area.level, period, today)
    hit = _compiled_cache.get(key)
    if hit is None:
        qs = metric.evidence(area=area, period=period)
        template, params, converters = _subquery(metric, qs, _ALIAS_SLOT, connections[qs.db])
        if len(_compiled_cache) >= _CACHE_SIZE:
            _compiled_cache.clear()
        hit = _compiled_cache[key] = (template, params, converters, qs.model)
    return hit
