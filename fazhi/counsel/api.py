from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.counsel import selectors
from fazhi.counsel.models import Consultation


class CanViewCounsel(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("counsel.view")


class ConsultationSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    person = serializers.CharField(source="person_masked", read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "area", "area_name", "received_on", "person", "topic", "headcount", "referred_to_mediation"]


class ConsultationViewSet(viewsets.ReadOnlyModelViewSet):
    """法律咨询 within the caller's scope; names are masked."""

    serializer_class = ConsultationSerializer
    permission_classes = [CanViewCounsel]
    filterset_fields = ["area", "referred_to_mediation"]

    def get_queryset(self):
        return selectors.consultation_list(user=self.request.user)


ROUTES = [("counsel/consultations", ConsultationViewSet, "counsel-consultation")]
