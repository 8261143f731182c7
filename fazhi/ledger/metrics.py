"""Every measure of every ledger type is a report metric, registered from the database.

The registry (fazhi.core.metrics.METRICS) is a process-local dict, so `sync_ledger_metrics()` (re)registers the
ledger's keys from the current rows: it runs after every write that adds a type or measure (in this process),
and every read of the registry for a page or a report runs it first (it is core.metrics' provider), so a type
defined a minute ago in another worker is there too — no migration, no restart. Keys: ledger.t<type id>_m<measure id>.
"""

from django.db.models import Count, Max
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from fazhi.areas.models import subtree_q
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
