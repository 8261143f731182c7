"""Figure definitions become the metric registry's figures (core.metrics.METRICS).

`sync()` is core.metrics' provider: every read of the registry for a page, a report or a roll-up runs it first,
and it rebuilds the definitions' Metrics only when one changed (a fingerprint of the definitions and of the
数据字典 they filter on), so a definition saved a minute ago in another worker counts at once. A definition that
can no longer be computed (its record type or dictionary entry is gone) is not registered: it is listed in
BROKEN with the reason, and pages and reports show it as broken — never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils.translation import gettext as _

from fazhi.core import facts
from fazhi.core import metrics as core_metrics
from fazhi.core.facts import Aggregation, RecordType, Writing
from fazhi.core.metrics import Metric
from fazhi.figures.choices import FigureKind


@dataclass(frozen=True, eq=False)
class FigureMetric(Metric):
    """A Metric made from a definition: how it is written, and for a breakdown its parts by one dimension."""

    definition_id: int = 0
    kind: str = FigureKind.AGGREGATE
    writing: str = Writing.EXACT
    approx: Metric | None = None  # counts the records marked 约数, for Writing.FLAG
    breakdown: tuple[tuple[str, Metric], ...] = ()  # (label, part) for each value of the dimension
    decimals: int = 0
    phrase: str = ""
    measure_label: str = ""  # the summed or distinct-counted field, by its Chinese name
    modules: tuple[str, ...] = ()  # the apps whose records it counts: a reader of its evidence needs each one


BROKEN: dict[str, str] = {}  # key → why it cannot be computed
_synced: dict = {"fingerprint": None, "keys": set()}


def _fingerprint() -> tuple:
    # One statement: the definitions and the dictionary entries they may filter on.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM figures_figuredefinition),"
            " (SELECT SUM(version) FROM figures_figuredefinition),"
            " (SELECT MAX(updated_at) FROM figures_figuredefinition),"
            " (SELECT COUNT(*) FROM core_dictionaryentry)"
        )
        return tuple(cursor.fetchone())


def sync() -> None:
    from fazhi.figures.models import FigureDefinition

    fingerprint = _fingerprint()
    if fingerprint == _synced["fingerprint"] and all(k in core_metrics.METRICS for k in _synced["keys"]):
        return
    definitions = {d.pk: d for d in FigureDefinition.objects.filter(is_active=True).select_related("area")}
    types = facts.record_types()
    built: dict[int, Metric | None] = {}
    BROKEN.clear()
    for definition in definitions.values():
        _build(definition, definitions, types, built, ())
    fresh = {metric.key: metric for metric in built.values() if metric is not None}
    broken = {definitions[pk].key for pk, metric in built.items() if metric is None}
    # Replace in place, never emptied on the way: another thread may be reading the registry meanwhile.
    for key in (_synced["keys"] - fresh.keys()) | broken:
        core_metrics.METRICS.pop(key, None)
    core_metrics.METRICS.update(fresh)
    keys = set(fresh)
    _synced.update(fingerprint=fingerprint, keys=keys)


def draft_metric(definition) -> tuple[FigureMetric | None, list[str]]:
    """The Metric a definition being edited would make, with the stored ones it refers to; or why it cannot be
    computed, in Chinese."""
    from fazhi.figures.models import FigureDefinition

    definitions = {d.pk: d for d in FigureDefinition.objects.filter(is_active=True).select_related("area")}
    definitions[definition.pk] = definition
    reasons: dict[str, str] = {}
    metric = _build(definition, definitions, facts.record_types(), {}, (), reasons=reasons)
    return metric, list(dict.fromkeys(reasons.values()))


def problems(definition) -> list[str]:
    """Why `definition` cannot be computed; [] when it can. The service refuses such a definition."""
    return draft_metric(definition)[1]


def _build(definition, definitions, types, built, path, reasons=None) -> Metric | None:
    """The definition's Metric (cached in `built`), or None with the reason in `reasons` (or BROKEN)."""
    reasons = BROKEN if reasons is None else reasons
    if definition.pk in built:
        return built[definition.pk]
    if definition.pk in path:
        reasons[definition.key] = _("指标“%(name)s”循环引用了自身。") % {"name": definition.name}
        return None
    path = (*path, definition.pk)
    try:
        metric = _metric(definition, definitions, types, built, path, reasons)
    except _Broken as exc:
        reasons.setdefault(definition.key, str(exc))
        metric = None
    if definition.pk is not None:
        built[definition.pk] = metric
    return metric


class _Broken(Exception):
    pass


def _metric(definition, definitions, types, built, path, reasons) -> Metric:
    spec = facts.BUILTIN_FIGURES.get(definition.key) if definition.builtin else None
    common = {
        "key": definition.key,
        # a built-in figure's words stay lazy, so each page shows them in its own language
        "label": spec.label if spec else definition.name,
        "unit": spec.unit if spec else definition.unit,
        "section": spec.section if spec and spec.section else definition.section,
        "area_path": definition.area.path if definition.area_id else "",
        "definition_id": definition.pk or 0,
        "kind": definition.kind,
        "writing": definition.writing,
        "decimals": definition.decimals,
        "phrase": definition.phrase,
    }
    if definition.kind == FigureKind.AGGREGATE:
        record_type = _record_type(definition, types)
        measure = _measure(definition, record_type)
        records = _records(record_type, definition.period, list(definition.filters))
        approx = None
        if definition.writing == Writing.FLAG and record_type.approximate:
            flagged = [*definition.filters, {"dim": "__approx", "values": ["1"]}]
            approx = Metric(
                key=f"{definition.key}#approx",
                label="",
                unit="",
                section="",
                records=_records(record_type, definition.period, flagged),
            )
        if not common["section"]:
            common["section"] = record_type.section
        quantity = record_type.quantity(definition.field, kind=definition.aggregation) if measure else None
        common["measure_label"] = str(quantity.label) if quantity else ""
        common["modules"] = (record_type.key.split(".")[0],)
        if record_type.area_owner and not common["area_path"]:
            common["area_path"] = record_type.area_owner
        return FigureMetric(
            **common,
            records=records,
            sum_field=measure if definition.aggregation == Aggregation.SUM else None,
            distinct_field=measure if definition.aggregation == Aggregation.DISTINCT else None,
            approx=approx,
        )
    if definition.kind == FigureKind.RATE:
        numerator = _part(definition.numerator_id, _("分子"), definition, definitions, types, built, path, reasons)
        denominator = _part(definition.denominator_id, _("分母"), definition, definitions, types, built, path, reasons)
        if _period_of(numerator) != _period_of(denominator):
            raise _Broken(
                _("比率“%(name)s”的分子与分母统计期间不同（%(a)s、%(b)s），不能相除。")
                % {"name": definition.name, "a": _period_label(numerator), "b": _period_label(denominator)}
            )
        places = definition.decimals
        common["modules"] = _modules(numerator, denominator)
        common["section"] = common["section"] or numerator.section
        return FigureMetric(
            **common,
            records=numerator.records,
            parts=((numerator, 0), (denominator, 0)),
            combine=lambda v: _percent(v[0], v[1], places),
        )
    base = _part(definition.base_id, _("基础指标"), definition, definitions, types, built, path, reasons)
    common["modules"] = _modules(base)
    # Without a section of its own it stands with what it is made from, not in a part of the report named "".
    common["section"] = common["section"] or base.section
    if definition.kind == FigureKind.CHANGE:
        places = definition.decimals
        return FigureMetric(
            **common,
            records=base.records,
            parts=((base, 0), (base, -1)),
            combine=lambda v: None if v[0] is None or v[1] is None else _percent(v[0] - v[1], v[1], places),
        )
    # a breakdown: the base's total, and one part per value of a dimension of the base's record type
    if not isinstance(base, FigureMetric) or base.kind != FigureKind.AGGREGATE:
        raise _Broken(_("分项指标“%(name)s”须以一个统计指标为基础。") % {"name": definition.name})
    base_definition = definitions[definition.base_id]
    record_type = _record_type(base_definition, types)
    dimension = record_type.dimension(definition.dimension)
    if dimension is None:
        raise _Broken(_("分项指标“%(name)s”的分项依据已不存在。") % {"name": definition.name})
    parts = []
    for code, label in dimension.values():
        filters = [*base_definition.filters, {"dim": dimension.name, "op": "in", "values": [code]}]
        parts.append(
            (
                label,
                Metric(
                    key=f"{definition.key}#{code}",
                    label=label,
                    unit=definition.unit or base.unit,
                    section="",
                    records=_records(record_type, base_definition.period, filters),
                    sum_field=base.sum_field,
                    distinct_field=base.distinct_field,
                ),
            )
        )
    return FigureMetric(
        **{**common, "unit": definition.unit or base.unit},
        records=base.records,
        parts=((base, 0),),
        combine=lambda v: v[0],
        breakdown=tuple(parts),
    )


def _modules(*metrics: Metric) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m for metric in metrics for m in getattr(metric, "modules", ())))


def _part(pk, role, definition, definitions, types, built, path, reasons) -> Metric:
    if pk is None:
        raise _Broken(_("指标“%(name)s”缺少%(role)s。") % {"name": definition.name, "role": role})
    other = definitions.get(pk)
    if other is None:
        raise _Broken(_("指标“%(name)s”的%(role)s已停用或删除。") % {"name": definition.name, "role": role})
    metric = _build(other, definitions, types, built, path, reasons)
    if metric is None:
        raise _Broken(
            reasons.get(other.key) or _("指标“%(name)s”的%(role)s无法计算。") % {"name": definition.name, "role": role}
        )
    return metric


def _record_type(definition, types) -> RecordType:
    record_type = types.get(definition.record_type)
    if record_type is None:
        raise _Broken(_("指标“%(name)s”所统计的记录类型已不存在。") % {"name": definition.name})
    for item in definition.filters:
        if item.get("dim") == "__approx":
            continue
        dimension = record_type.dimension(item.get("dim", ""))
        if dimension is None:
            raise _Broken(_("指标“%(name)s”的筛选条件已不存在。") % {"name": definition.name})
        known = dict(dimension.values())
        gone = [v for v in item.get("values", []) if v not in known]
        if gone or not item.get("values"):
            raise _Broken(
                _("指标“%(name)s”的筛选条件“%(dim)s”中的选项“%(values)s”已不存在。")
                % {"name": definition.name, "dim": dimension.label, "values": "、".join(gone) or "—"}
            )
    if definition.period not in dict(record_type.period_kinds()):
        raise _Broken(_("记录类型“%(type)s”不能按所选期间统计。") % {"type": record_type.label})
    return record_type


def _measure(definition, record_type: RecordType) -> str | None:
    if definition.aggregation == Aggregation.COUNT:
        return None
    quantity = record_type.quantity(definition.field, kind=definition.aggregation)
    if quantity is None:
        raise _Broken(_("指标“%(name)s”所统计的字段已不存在。") % {"name": definition.name})
    return quantity.path


def _records(record_type: RecordType, kind: str, filters: list):
    approx = [f for f in filters if f.get("dim") == "__approx"]
    plain = [f for f in filters if f.get("dim") != "__approx"]

    def records(*, area, period):
        qs = record_type.records(area_path=area.path, start=period.start, end=period.end, kind=kind, filters=plain)
        return qs.filter(**{record_type.approximate: True}) if approx else qs

    records.period_kind = kind  # read by rates, which divide only figures of the same period
    return records


def _period_of(metric: Metric) -> str:
    if metric.parts:
        return _period_of(metric.parts[0][0])
    return getattr(metric.records, "period_kind", "")


def _period_label(metric: Metric) -> str:
    return str(dict(facts.PeriodKind.CHOICES).get(_period_of(metric), "—"))


def _percent(part, whole, places: int) -> Decimal | None:
    """part ÷ whole as a percentage; undefined (None) over zero, never written as 0% or 100%."""
    if part is None or not whole:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(quantum, rounding=ROUND_HALF_UP)
