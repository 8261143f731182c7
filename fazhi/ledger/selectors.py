"""Every read of the ledger app, starting from visible_to(user)."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from fazhi.accounts.roles import Module
from fazhi.areas.models import ancestor_paths
from fazhi.areas.scoping import scope_paths
from fazhi.core.metrics import Period
from fazhi.ledger.metrics import metric_for
from fazhi.ledger.models import Entry, EntryValue, FieldDef, Measure, RecordType


def _types_q(user):
    """Types defined in the user's scope, and those defined above it (a county's type applies to its townships)."""
    from django.db.models import Q

    paths = scope_paths(user, Module.LEDGER)
    above = {a for p in paths for a in ancestor_paths(p)}
    return Q(pk__in=RecordType.objects.visible_to(user)) | Q(area__path__in=above)


def record_type_list(*, user) -> QuerySet:
    return (
        RecordType.objects.filter(_types_q(user))
        .select_related("area")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("order", "id")))
        .annotate(n_entries=Count("entries"))
        .order_by("name", "id")
    )


def record_type_get(*, user, pk: int) -> RecordType:
    obj = record_type_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def entry_list(*, user, record_type: RecordType | None = None) -> QuerySet:
    qs = (
        Entry.objects.visible_to(user)
        .select_related("area", "record_type")
        .prefetch_related(Prefetch("values", queryset=EntryValue.objects.select_related("measure")))
    )
    return qs.filter(record_type=record_type) if record_type else qs


def fields_of(*, record_type: RecordType) -> list[FieldDef]:
    return list(record_type.fields.order_by("order", "id"))


def type_metrics(*, record_type: RecordType, period: Period, area=None) -> list[dict]:
    """The report figures this type's measures are (the same Metric objects the registry holds once synced)."""
    area = area or record_type.area
    rows = []
    for measure in record_type.measures.all():
        measure.record_type = record_type
        metric = metric_for(measure)
        rows.append(
            {
                "key": metric.key,
                "label": metric.label,
                "unit": metric.unit,
                "value": metric.value(area=area, period=period),
            }
        )
    return rows
