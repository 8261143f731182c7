import django_filters
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.counsel import selectors
from fazhi.counsel.models import Consultation, ContractReview, CourtAppearance, LegalCase


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


class ContractReviewSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.name", read_only=True, default="")

    class Meta:
        model = ContractReview
        fields = [
            "id",
            "area",
            "area_name",
            "title",
            "counterparty",
            "amount",
            "drafting_unit",
            "submitted_on",
            "reviewer",
            "reviewer_name",
            "reviewed_on",
            "conclusion",
            "opinion",
            "signed_on",
        ]


class ContractReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """合同合法性审查 within the caller's scope."""

    serializer_class = ContractReviewSerializer
    permission_classes = [CanViewCounsel]
    filterset_fields = ["area", "conclusion"]

    def get_queryset(self):
        return selectors.contract_list(user=self.request.user)


class CourtAppearanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourtAppearance
        fields = ["id", "case", "hearing_on", "leader_name", "leader_post", "is_principal"]


class LegalCaseSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    appearances = CourtAppearanceSerializer(many=True, read_only=True)

    class Meta:
        model = LegalCase
        fields = [
            "id",
            "area",
            "area_name",
            "kind",
            "case_number",
            "claimant",
            "subject",
            "filed_on",
            "organ",
            "outcome",
            "closed_on",
            "appearances",
        ]


class LegalCaseViewSet(viewsets.ReadOnlyModelViewSet):
    """行政复议、行政诉讼 cases within the caller's scope, each with its court appearances."""

    serializer_class = LegalCaseSerializer
    permission_classes = [CanViewCounsel]
    filterset_fields = ["area", "kind", "outcome"]

    def get_queryset(self):
        return selectors.legal_case_list(user=self.request.user).prefetch_related("appearances")


def _visible_cases(request):
    return LegalCase.objects.visible_to(request.user) if request is not None else LegalCase.objects.none()


class CourtAppearanceFilter(django_filters.FilterSet):
    # Choices from the caller's cases: another area's case id answers exactly like one that does not exist.
    case = django_filters.ModelChoiceFilter(queryset=_visible_cases)

    class Meta:
        model = CourtAppearance
        fields = ["case", "is_principal"]


class CourtAppearanceViewSet(viewsets.ReadOnlyModelViewSet):
    """负责人出庭应诉 records of the cases within the caller's scope."""

    serializer_class = CourtAppearanceSerializer
    permission_classes = [CanViewCounsel]
    filterset_class = CourtAppearanceFilter

    def get_queryset(self):
        return selectors.court_appearance_list(user=self.request.user)


ROUTES = [
    ("counsel/consultations", ConsultationViewSet, "counsel-consultation"),
    ("counsel/contracts", ContractReviewViewSet, "counsel-contract"),
    ("counsel/cases", LegalCaseViewSet, "counsel-legal-case"),
    ("counsel/court-appearances", CourtAppearanceViewSet, "counsel-court-appearance"),
]
