"""API for matters (create, update, transition) and visits: the same services, scope and permissions as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from fazhi.accounts.models import User
from fazhi.accounts.roles import Module
from fazhi.areas.models import Area
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.concurrency import VersionedUpdateMixin
from fazhi.grid import selectors, services
from fazhi.grid.models import Matter, Visit
from fazhi.people.models import Household, Resident


class GridPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        perm = "grid.view" if request.method in SAFE_METHODS else "grid.change"
        return request.user.has_perm(perm)


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record the caller may see: an id from another area reads as "does not exist", never links."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.context["request"].user)


def _service(fn, **kwargs):
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) from exc


class MatterSerializer(serializers.ModelSerializer):
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    resident = VisibleRelatedField(queryset=Resident.objects.all(), required=False, allow_null=True)
    resident_name = serializers.CharField(source="resident.name", read_only=True, default="")
    idempotency_key = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta:
        model = Matter
        fields = ["id", "number", "area", "category", "description", "resident", "resident_name", "raised_by_text",
                  "place", "source", "status", "handler", "registered_on", "happened_on", "due_date", "closed_on",
                  "result", "reply", "satisfaction", "version", "idempotency_key"]  # fmt: skip
        read_only_fields = ["number", "status", "handler", "due_date", "closed_on", "result", "reply", "satisfaction",
                            "version"]  # fmt: skip
        extra_kwargs = {"registered_on": {"required": False}, "happened_on": {"required": False}}

    def validate_area(self, area):
        if not areas_visible_to(self.context["request"].user, Module.GRID).filter(pk=area.pk).exists():
            raise ValidationError("所选网格不在您的管辖范围内。")
        return area


class MatterUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Matter
        fields = ["description", "place", "raised_by_text", "version"]
        read_only_fields = ["version"]


class TransitionSerializer(serializers.Serializer):
    action = serializers.CharField()
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False)
    result = serializers.CharField(required=False, allow_blank=True)
    reply = serializers.CharField(required=False, allow_blank=True)
    satisfaction = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class MatterViewSet(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """群众说事 within the caller's scope: list, read, register, edit the text, and move through the workflow."""

    serializer_class = MatterSerializer
    permission_classes = [GridPermission]
    filterset_fields = ["status", "category", "area"]

    def get_queryset(self):
        return selectors.matter_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return MatterUpdateSerializer
        if self.action == "transition":
            return TransitionSerializer
        return MatterSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = _service(services.matter_create, actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = _service(
            services.matter_edit, actor=self.request.user, matter=serializer.instance, **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        matter = self.get_object()
        serializer = TransitionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
        with self.versioned(matter):
            matter = _service(services.matter_transition, actor=request.user, matter=matter, **data)
        return Response(MatterSerializer(matter, context={"request": request}).data, status=status.HTTP_200_OK)


class VisitSerializer(serializers.ModelSerializer):
    household = VisibleRelatedField(queryset=Household.objects.all())
    idempotency_key = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta:
        model = Visit
        fields = ["id", "area", "household", "visited_on", "visitor", "notes", "idempotency_key"]
        read_only_fields = ["area", "visitor"]


class VisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """走访 within the caller's scope; POST with an idempotency_key records a draft once however often it is sent."""

    serializer_class = VisitSerializer
    permission_classes = [GridPermission]
    filterset_fields = ["household", "area"]

    def get_queryset(self):
        return selectors.visit_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = _service(
            services.visit_record, actor=self.request.user, idempotency_key=data.pop("idempotency_key", None), **data
        )


ROUTES = [
    ("grid/matters", MatterViewSet, "matter"),
    ("grid/visits", VisitViewSet, "visit"),
]
