from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.concurrency import VersionETagMixin
from fazhi.petitions import selectors, services
from fazhi.petitions.models import Petition


class CanViewPetitions(BasePermission):
    """Read with petitions.view; register with petitions.change (the same rights as the pages)."""

    def has_permission(self, request, view) -> bool:
        action = "view" if request.method in SAFE_METHODS else "change"
        return request.user.has_perm(f"petitions.{action}")


class PetitionerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    is_representative = serializers.BooleanField(default=False)


class PetitionCreateSerializer(serializers.Serializer):
    area = serializers.IntegerField()
    channel = serializers.CharField()
    kind = serializers.CharField()
    request = serializers.CharField()
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    received_on = serializers.DateField()
    transferred_in = serializers.BooleanField(default=False)
    accused_name = serializers.CharField(required=False, allow_blank=True, default="")
    accused_unit = serializers.CharField(required=False, allow_blank=True, default="")
    petitioners = PetitionerInputSerializer(many=True)


class PetitionSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    petitioners = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "number",
            "area",
            "area_name",
            "channel",
            "kind",
            "request",
            "received_on",
            "accepted_on",
            "status",
            "status_display",
            "due_date",
            "extension_days",
            "decision",
            "replied_on",
            "closed_on_time",
            "dispute",
            "matter",
            "duplicate_of",
            "petitioners",
        ]

    def get_petitioners(self, obj) -> list[str]:
        return [p.name for p in obj.petitioners.all()]


class PetitionViewSet(VersionETagMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """信访事项 within the caller's scope (accusation material never reaches the accused); POST registers one."""

    serializer_class = PetitionSerializer
    permission_classes = [CanViewPetitions]
    filterset_fields = ["status", "kind", "channel"]

    def get_queryset(self):
        return selectors.petition_list(user=self.request.user)

    def get_serializer_class(self):
        return PetitionCreateSerializer if self.action == "create" else PetitionSerializer

    def create(self, request, *args, **kwargs):
        data = PetitionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        area = areas_visible_to(request.user, Module.PETITIONS, CHANGE).filter(pk=d.pop("area")).first()
        if area is None:
            raise ValidationError({"area": [_("所选区划不在您的管辖范围内。")]})
        d["petitioners"] = [services.PetitionerInput(**p) for p in d["petitioners"]]
        try:
            petition = services.petition_register(actor=request.user, area=area, **d)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
        return Response(PetitionSerializer(petition).data, status=status.HTTP_201_CREATED)


ROUTES = [("petitions/petitions", PetitionViewSet, "petitions-petition")]
