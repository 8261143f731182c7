"""Every measure of every ledger type is a report metric, registered from the database.

The registry (fazhi.core.metrics.METRICS) is a process-local dict, so `sync_ledger_metrics()` (re)registers the
ledger's keys from the current rows: it runs after every write that adds a type or measure (in this process),
and every read of the registry for a page or a report runs it first (it is core.metrics' provider), so a type
defined a minute ago in another worker is there too — no migration, no restart. Keys: ledger.t<type id>_m<measure id>.
"""

from django.utils.translation import gettext as _

from fazhi.areas.models import subtree_q
from fazhi.core import metrics as core_metrics
from fazhi.core.metrics import Metric, Period

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


def metric_for(measure) -> Metric:
    """The Metric a measure becomes (what `sync_ledger_metrics` registers under `measure.metric_key`)."""
    record_type = measure.record_type
    return Metric(
        key=measure.metric_key,
        label=_("%(type)s：%(measure)s") % {"type": record_type.name, "measure": measure.name},
        unit=measure.unit,
        section=str(record_type.get_section_display()),
        records=_records(measure.pk),
        sum_field="value",
    )


def sync_ledger_metrics() -> list[str]:
    """Make the registry's ledger.* keys exactly the measures in the database; returns the keys.

    An unchanged figure keeps its Metric object: compiled SQL and the figures page's sections are cached per Metric,
    and this runs on every registry read (core.metrics.refresh)."""
    from fazhi.ledger.models import Measure

    keys = []
    for measure in Measure.objects.select_related("record_type").order_by("record_type_id", "order", "id"):
        metric = metric_for(measure)
        known = core_metrics.METRICS.get(metric.key)
        if known is None or (known.label, known.unit, known.section) != (metric.label, metric.unit, metric.section):
            core_metrics.METRICS[metric.key] = metric
        keys.append(metric.key)
    current = set(keys)
    for key in [k for k in core_metrics.METRICS if k.startswith(PREFIX) and k not in current]:
        del core_metrics.METRICS[key]
    return keys
