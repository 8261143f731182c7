from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.ledger import selectors
from fazhi.ledger.models import Entry, EntryValue


class CanViewLedger(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("ledger.view")


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


class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """工作台账 entries within the caller's scope, with their measures' values."""

    serializer_class = EntrySerializer
    permission_classes = [CanViewLedger]
    filterset_fields = ["record_type", "area"]

    def get_queryset(self):
        return selectors.entry_list(user=self.request.user)


ROUTES = [("ledger/entries", EntryViewSet, "ledger-entry")]
