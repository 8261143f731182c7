from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.reports.models import Report
from fazhi.reports.rendering import compose


class ReportSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "area",
            "area_name",
            "year",
            "title",
            "status",
            "status_display",
            "submitted_on",
            "reviewed_on",
            "published_on",
            "published_url",
        ]


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    last_value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    missing = serializers.BooleanField()
    frozen = serializers.BooleanField()


class ReportDetailSerializer(ReportSerializer):
    text = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "text", "figures"]

    def _composed(self, report):
        cache = self.context.setdefault("_composed", {})
        if report.pk not in cache:
            cache[report.pk] = compose(report)
        return cache[report.pk]

    def get_text(self, report) -> str:
        return self._composed(report).text

    def get_figures(self, report) -> list[dict]:
        return FigureSerializer(list(self._composed(report).figures.values()), many=True).data


class CanViewReports(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("reports.view")


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """年度报告 within the caller's scope; the detail carries the text and every figure (frozen once finalised)."""

    permission_classes = [CanViewReports]
    filterset_fields = ["year", "status", "area"]

    def get_queryset(self):
        return Report.objects.visible_to(self.request.user).select_related("area").order_by("-year", "area__path")

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer


ROUTES = [("reports", ReportViewSet, "report")]
