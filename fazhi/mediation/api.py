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
from fazhi.mediation import selectors, services
from fazhi.mediation.choices import PartyRole
from fazhi.mediation.models import Dispute, DisputeParty, MediationBody, Mediator, Session


class CanViewMediation(BasePermission):
    """Read with mediation.view; write with mediation.change (the same rights as the pages)."""

    def has_permission(self, request, view) -> bool:
        action = "view" if request.method in SAFE_METHODS else "change"
        return request.user.has_perm(f"mediation.{action}")


def _call(service, **kwargs):
    """Run a service; its Chinese ValidationError becomes a 400, a scope refusal a 403."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) from exc
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc


class PartyInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    role = serializers.ChoiceField(choices=PartyRole.choices, default=PartyRole.APPLICANT)


class DisputeCreateSerializer(serializers.Serializer):
    area = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    dispute_type = serializers.CharField()
    tier = serializers.CharField()
    source = serializers.CharField()
    received_on = serializers.DateField()
    key_group = serializers.BooleanField(default=False)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True, default=None)
    parties = PartyInputSerializer(many=True)
    body = serializers.IntegerField(required=False, allow_null=True, default=None)
    mediators = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = DisputeParty
        fields = ["role", "name", "resident"]


class DisputeSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    tier_display = serializers.CharField(source="get_tier_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    parties = PartySerializer(many=True, read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "number",
            "area",
            "area_name",
            "title",
            "dispute_type",
            "key_group",
            "amount",
            "source",
            "tier",
            "tier_display",
            "status",
            "status_display",
            "body",
            "mediators",
            "leader",
            "received_on",
            "due_date",
            "closed_on",
            "matter",
            "parties",
        ]


class DisputeViewSet(VersionETagMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """矛盾纠纷 within the caller's scope (a mediator: assigned and own body's disputes). POST registers one through
    the same service as the page (简易 / 一般 tiers; 疑难 disputes are assigned to a leader on the page)."""

    serializer_class = DisputeSerializer
    permission_classes = [CanViewMediation]
    filterset_fields = ["status", "tier", "dispute_type", "key_group"]

    def get_queryset(self):
        return selectors.dispute_list(user=self.request.user).prefetch_related("parties", "mediators")

    def get_serializer_class(self):
        return DisputeCreateSerializer if self.action == "create" else DisputeSerializer

    def create(self, request, *args, **kwargs):
        data = DisputeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        user = request.user
        area = areas_visible_to(user, Module.MEDIATION, CHANGE).filter(pk=d.pop("area")).first()
        if area is None:
            raise ValidationError({"area": [_("所选区划不在您的管辖范围内。")]})
        body_id, mediator_ids = d.pop("body"), d.pop("mediators")
        d["body"] = MediationBody.objects.visible_to(user).filter(pk=body_id).first() if body_id else None
        d["mediators"] = list(Mediator.objects.visible_to(user).filter(pk__in=mediator_ids))
        d["parties"] = [services.PartyInput(name=p["name"], role=p["role"]) for p in d["parties"]]
        dispute = _call(services.dispute_create, actor=user, area=area, **d)
        return Response(DisputeSerializer(dispute).data, status=status.HTTP_201_CREATED)


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "dispute", "held_on", "place", "mediators", "parties_present", "notes"]
        extra_kwargs = {"mediators": {"required": False}, "parties_present": {"required": False}}


class SessionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """调解记录 of the disputes the caller may see; POST records one (service `session_record`)."""

    serializer_class = SessionSerializer
    permission_classes = [CanViewMediation]
    filterset_fields = ["dispute"]

    def get_queryset(self):
        visible = selectors.dispute_list(user=self.request.user).values("pk")
        return Session.objects.filter(dispute__in=visible).prefetch_related("mediators").order_by("-held_on", "-id")

    def create(self, request, *args, **kwargs):
        data = SessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        dispute = selectors.dispute_list(user=request.user).filter(pk=d.pop("dispute").pk).first()
        if dispute is None:
            raise ValidationError({"dispute": [_("纠纷不存在或不在您的管辖范围内。")]})
        mediators = [m for m in d.pop("mediators", []) if m.disputes.filter(pk=dispute.pk).exists()]
        session = _call(services.session_record, actor=request.user, dispute=dispute, mediators=mediators, **d)
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


ROUTES = [
    ("mediation/disputes", DisputeViewSet, "mediation-dispute"),
    ("mediation/sessions", SessionViewSet, "mediation-session"),
]
