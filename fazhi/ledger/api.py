from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import AreaField, ServiceCreateMixin, VisibleField, create_schema, module_permission
from fazhi.ledger import selectors, services
from fazhi.ledger.models import Entry, EntryValue, RecordType

CanViewLedger = module_permission(Module.LEDGER)


class ValueSerializer(serializers.ModelSerializer):
    measure_name = serializers.CharField(source="measure.name", read_only=True)
    unit = serializers.CharField(source="measure.unit", read_only=True)
    metric_key = serializers.CharField(source="measure.metric_key", read_only=True)

    class Meta:
        model = EntryValue
        fields = ["measure", "measure_name", "unit", "metric_key", "value"]


class EntrySerializer(serializers.ModelSerializer):
    record_type_name = serializers.CharField(source="record_type.name", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    values = ValueSerializer(many=True, read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id",
            "record_type",
            "record_type_name",
            "area",
            "area_name",
            "occurred_on",
            "note",
            "extra",
            "values",
        ]


class ValueInputSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class FieldInputSerializer(serializers.Serializer):
    field = serializers.IntegerField()
    value = serializers.CharField(allow_blank=True, max_length=500)


class EntryCreateSerializer(serializers.Serializer):
    """An entry of any record type an admin defined: one value per measure, text per declared field (ids from the
    record type). Which measures and fields are required is the type's, checked by the service as on the page."""

    record_type = VisibleField(queryset=RecordType.objects.all())
    area = AreaField()
    occurred_on = serializers.DateField()
    values = ValueInputSerializer(many=True)
    extra = FieldInputSerializer(many=True, required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


@create_schema(EntryCreateSerializer, EntrySerializer)
class EntryViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """工作台账 entries within the caller's scope, with their measures' values; POST records one (`entry_create`)."""

    serializer_class = EntrySerializer
    create_serializer_class = EntryCreateSerializer
    permission_classes = [CanViewLedger]
    filterset_fields = ["record_type", "area"]

    def get_queryset(self):
        return selectors.entry_list(user=self.request.user)

    def create_record(self, *, actor, values, extra, **data):
        return services.entry_create(
            actor=actor,
            values={row["measure"]: row["value"] for row in values},
            extra={row["field"]: row["value"] for row in extra},
            **data,
        )


ROUTES = [("ledger/entries", EntryViewSet, "ledger-entry")]
