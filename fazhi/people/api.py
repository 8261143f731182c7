"""API for residents and households: the same scope as the pages; 身份证号 and phone only ever masked, the birth
date only as its year (the full date restores the number the mask hides)."""

from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import AreaField, ServiceCreateMixin, VisibleField, create_schema, module_permission
from fazhi.core.concurrency import VersionETagMixin
from fazhi.people import selectors, services
from fazhi.people.choices import ResidentStatus, Sex
from fazhi.people.models import Household, Resident

ENCRYPTED = ("id_number", "phone", "birth_date")

CanViewPeople = module_permission(Module.PEOPLE)


class ResidentSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    id_number = serializers.CharField(source="id_number_masked", read_only=True)
    phone = serializers.CharField(source="phone_masked", read_only=True)
    tags = serializers.SerializerMethodField()

    class Meta:
        model = Resident
        fields = ["id", "area", "area_name", "household", "name", "sex", "birth_year", "id_number", "phone",
                  "address", "status", "tags"]  # fmt: skip

    def get_tags(self, obj) -> list[str]:
        return [t.code for t in obj.tags.all()]


class HouseholdSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Household
        fields = ["id", "area", "area_name", "number", "head_name", "address", "member_count"]


class ResidentCreateSerializer(serializers.Serializer):
    """A resident as the page registers one: 身份证号 and phone are written in full (encrypted at rest) and read back
    masked; birth date and sex follow from the 身份证号 when one is given."""

    area = AreaField(required=False, allow_null=True, default=None)
    household = VisibleField(queryset=Household.objects.all(), required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=50)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=ResidentStatus.choices, default=ResidentStatus.RESIDENT)
    tags = serializers.ListField(child=serializers.CharField(max_length=30), required=False, default=list)


@create_schema(ResidentCreateSerializer, ResidentSerializer)
class ResidentViewSet(VersionETagMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """居民 within the caller's scope; `?q=` searches name, pinyin initials, or an exact 身份证号/phone. POST registers
    one (service `resident_create`)."""

    serializer_class = ResidentSerializer
    create_serializer_class = ResidentCreateSerializer
    permission_classes = [CanViewPeople]
    filterset_fields = ["status", "household"]

    def get_queryset(self):
        filters = {k: self.request.query_params.get(k) for k in ("q", "tag") if self.request.query_params.get(k)}
        # Only masks and the birth year are served: no ciphertext is read, none decrypted.
        return selectors.resident_list(user=self.request.user, filters=filters).defer(*ENCRYPTED)

    def create_record(self, *, actor, **data):
        return services.resident_create(actor=actor, **data)


class HouseholdViewSet(VersionETagMixin, viewsets.ReadOnlyModelViewSet):
    """户 within the caller's scope."""

    serializer_class = HouseholdSerializer
    permission_classes = [CanViewPeople]
    filterset_fields = ["area"]

    def get_queryset(self):
        return selectors.household_list(user=self.request.user)


ROUTES = [
    ("people/residents", ResidentViewSet, "resident"),
    ("people/households", HouseholdViewSet, "household"),
]
