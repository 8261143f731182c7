"""Every measure of every ledger type is a report metric, registered from the database.

The registry (fazhi.core.metrics.METRICS) is a process-local dict, so `sync_ledger_metrics()` (re)registers the
ledger's keys from the current rows: it runs after every write that adds a type or measure (in this process),
and every read of the registry for a page or a report runs it first (it is core.metrics' provider), so a type
defined a minute ago in another worker is there too — no migration, no restart. Keys: ledger.t<type id>_m<measure id>.
"""

from django.db.models import Count, Max, Q
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from fazhi.areas.models import subtree_q
from fazhi.core import facts
from fazhi.core import metrics as core_metrics
from fazhi.core.metrics import Metric, Period
from fazhi.ledger.choices import Section

PREFIX = "ledger."


def _records(measure_id: int):
    def records(*, area, period: Period):
        from fazhi.ledger.models import EntryValue

        return EntryValue.objects.filter(
            subtree_q(area.path, "entry__area__path"),
            measure_id=measure_id,
            entry__occurred_on__gte=period.start,
            entry__occurred_on__lte=period.end,
        )

    return records


def _label(type_name: str, measure_name: str) -> str:
    return _("%(type)s：%(measure)s") % {"type": type_name, "measure": measure_name}


def metric_for(measure) -> Metric:
    """The Metric a measure becomes (what `sync_ledger_metrics` registers under `measure.metric_key`).

    Label and section are lazy, as every other figure's: the registry outlives the request that synced it, and each
    page shows them in its own language."""
    record_type = measure.record_type
    return Metric(
        key=measure.metric_key,
        label=lazy(_label, str)(record_type.name, measure.name),
        unit=measure.unit,
        section=Section(record_type.section).label,
        records=_records(measure.pk),
        sum_field="value",
        area_path=record_type.area.path,
    )


_synced: tuple = (None, [])  # the measures' fingerprint at this process's last sync, and the keys it registered


def sync_ledger_metrics() -> list[str]:
    """Make the registry's ledger.* keys exactly the measures in the database; returns the keys.

    It runs on every registry read (core.metrics.refresh), so it first reads one fingerprint and rebuilds nothing if
    the measures are those of the last sync: the services only add types and measures, never rename or remove them.
    An unchanged figure keeps its Metric object, for compiled SQL and the figures page's sections are cached per
    Metric."""
    global _synced
    from fazhi.ledger.models import Measure

    fingerprint = tuple(Measure.objects.aggregate(n=Count("id"), last=Max("id")).values())
    if fingerprint == _synced[0] and all(key in core_metrics.METRICS for key in _synced[1]):
        return _synced[1]
    keys = []
    for measure in Measure.objects.select_related("record_type__area").order_by("record_type_id", "order", "id"):
        metric = metric_for(measure)
        known = core_metrics.METRICS.get(metric.key)
        if known is None or _definition(known) != _definition(metric):
            core_metrics.METRICS[metric.key] = metric
        keys.append(metric.key)
    current = set(keys)
    for key in [k for k in core_metrics.METRICS if k.startswith(PREFIX) and k not in current]:
        del core_metrics.METRICS[key]
    _synced = (fingerprint, keys)
    return keys


def _definition(metric: Metric) -> tuple:
    return (metric.label, metric.unit, metric.section, metric.area_path)


# --- Countable facts (ARCHITECTURE rule 6) ------------------------------------------------------------------------
# Each ledger type is a record type of its entries (key ledger.t<type id>), and each of its measures a record type
# of that measure's value rows (key ledger.t<type id>_m<measure id>, the key of the measure's figure). A measure's sum
# is a sum over the entry's value rows *for that measure*, which no path from an entry can say (values__value would
# add up every measure of the entry); counted over the value rows, with the measure in `base`, the sum, the records
# and the evidence are exactly what the registered ledger metric counts today.


def _types_for(record_type, measures) -> list[facts.RecordType]:
    section = Section(record_type.section).label
    owner = record_type.area.path
    found = [
        facts.RecordType(
            key=f"{PREFIX}t{record_type.pk}",
            label=record_type.name,
            model="ledger.Entry",
            date="occurred_on",
            base=Q(record_type_id=record_type.pk),
            distincts=(facts.Quantity("area", lazy(_, str)("村（社区）"), "area"),),
            section=section,
            area_owner=owner,
        )
    ]
    for measure in measures:
        found.append(
            facts.RecordType(
                key=measure.metric_key,
                label=lazy(_label, str)(record_type.name, measure.name),
                model="ledger.EntryValue",
                area_path="entry__area__path",
                date="entry__occurred_on",
                base=Q(measure_id=measure.pk),
                sums=(facts.Quantity("value", measure.name, "value"),),
                distincts=(facts.Quantity("entry", lazy(_, str)("台账记录"), "entry"),),
                section=section,
                area_owner=owner,
            )
        )
    return found


_facts_cache: tuple = (None, [], [])  # fingerprint, record types, figure specs


def _fingerprint() -> tuple:
    """Types and measures are only ever added (never renamed or removed), so their counts and last ids say whether
    anything changed: one query on every figures read."""
    from fazhi.ledger.models import RecordType

    return tuple(
        RecordType.objects.aggregate(
            n_types=Count("id", distinct=True),
            last_type=Max("id"),
            n_measures=Count("measures", distinct=True),
            last_measure=Max("measures__id"),
        ).values()
    )


def _ledger_facts() -> tuple[list[facts.RecordType], list[facts.FigureSpec]]:
    global _facts_cache
    from fazhi.ledger.models import RecordType

    fingerprint = _fingerprint()
    if fingerprint == _facts_cache[0]:
        return _facts_cache[1], _facts_cache[2]
    types: list[facts.RecordType] = []
    specs: list[facts.FigureSpec] = []
    for record_type in RecordType.objects.select_related("area").prefetch_related("measures").order_by("id"):
        measures = sorted(record_type.measures.all(), key=lambda m: (m.order, m.pk))
        types += _types_for(record_type, measures)
        specs += [
            facts.FigureSpec(
                key=measure.metric_key,
                label=lazy(_label, str)(record_type.name, measure.name),
                unit=measure.unit,
                record_type=measure.metric_key,
                aggregation=facts.Aggregation.SUM,
                field="value",
            )
            for measure in measures
        ]
    _facts_cache = (fingerprint, types, specs)
    return types, specs


def ledger_record_types() -> list[facts.RecordType]:
    """The facts provider: one record type per ledger type and one per measure."""
    return _ledger_facts()[0]


def figure_specs() -> list[facts.FigureSpec]:
    """Each measure's figure as a definition: the sum of its values, as the registered ledger metric counts it."""
    return _ledger_facts()[1]


def register_all() -> None:
    facts.register_provider(ledger_record_types)
