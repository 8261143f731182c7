"""API for residents and households: the same scope as the pages; 身份证号 and phone only ever masked, the birth
date only as its year (the full date restores the number the mask hides)."""

from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.people import selectors
from fazhi.people.models import Household, Resident

ENCRYPTED = ("id_number", "phone", "birth_date")


class CanViewPeople(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("people.view")


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


class ResidentViewSet(viewsets.ReadOnlyModelViewSet):
    """居民 within the caller's scope; `?q=` searches name, pinyin initials, or an exact 身份证号/phone."""

    serializer_class = ResidentSerializer
    permission_classes = [CanViewPeople]
    filterset_fields = ["status", "household"]

    def get_queryset(self):
        filters = {k: self.request.query_params.get(k) for k in ("q", "tag") if self.request.query_params.get(k)}
        # Only masks and the birth year are served: no ciphertext is read, none decrypted.
        return selectors.resident_list(user=self.request.user, filters=filters).defer(*ENCRYPTED)


class HouseholdViewSet(viewsets.ReadOnlyModelViewSet):
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
