import django_filters
from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import AreaField, ServiceCreateMixin, VisibleField, create_schema, module_permission
from fazhi.core.concurrency import VersionETagMixin
from fazhi.counsel import selectors, services
from fazhi.counsel.models import Adviser, Consultation, ContractReview, CourtAppearance, LegalCase, Opinion

CanViewCounsel = module_permission(Module.COUNSEL)


class ConsultationSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    person = serializers.CharField(source="person_masked", read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "area", "area_name", "received_on", "person", "topic", "headcount", "referred_to_mediation"]


class ConsultationCreateSerializer(serializers.ModelSerializer):
    """The inquirer's name is written in full and read back masked, as on the page."""

    area = AreaField()
    adviser = VisibleField(queryset=Adviser.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Consultation
        fields = ["area", "received_on", "person", "topic", "headcount", "referred_to_mediation", "adviser"]


@create_schema(ConsultationCreateSerializer, ConsultationSerializer)
class ConsultationViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """法律咨询 within the caller's scope; names are masked. POST records one (service `consultation_create`)."""

    serializer_class = ConsultationSerializer
    create_serializer_class = ConsultationCreateSerializer
    permission_classes = [CanViewCounsel]
    filterset_fields = ["area", "referred_to_mediation"]

    def get_queryset(self):
        return selectors.consultation_list(user=self.request.user)

    def create_record(self, *, actor, **data):
        return services.consultation_create(actor=actor, **data)


class ContractReviewSerializer(serializers.ModelSerializer):
    area = AreaField()
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
        # Submitted here; the review and the signing are later steps with their own services (on the page).
        read_only_fields = ["reviewer", "reviewed_on", "conclusion", "opinion", "signed_on"]


class ContractReviewViewSet(VersionETagMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """合同合法性审查 within the caller's scope; POST submits a contract for review (service `contract_create`)."""

    serializer_class = ContractReviewSerializer
    permission_classes = [CanViewCounsel]
    filterset_fields = ["area", "conclusion"]

    def get_queryset(self):
        return selectors.contract_list(user=self.request.user)

    def create_record(self, *, actor, **data):
        return services.contract_create(actor=actor, **data)


class OpinionSerializer(serializers.ModelSerializer):
    adviser = VisibleField(queryset=Adviser.objects.all())
    adviser_name = serializers.CharField(source="adviser.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Opinion
        fields = ["id", "adviser", "adviser_name", "issued_on", "kind", "kind_display", "subject"]


class OpinionViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """法律顾问 opinions of the advisers within the caller's scope; POST records one (service `opinion_add`)."""

    serializer_class = OpinionSerializer
    permission_classes = [CanViewCounsel]
    filterset_fields = ["adviser", "kind"]

    def get_queryset(self):
        advisers = Adviser.objects.visible_to(self.request.user)
        return Opinion.objects.filter(adviser__in=advisers).select_related("adviser").order_by("-issued_on", "-id")

    def create_record(self, *, actor, **data):
        return services.opinion_add(actor=actor, **data)


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


class LegalCaseViewSet(VersionETagMixin, viewsets.ReadOnlyModelViewSet):
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
    ("counsel/opinions", OpinionViewSet, "counsel-opinion"),
    ("counsel/cases", LegalCaseViewSet, "counsel-legal-case"),
    ("counsel/court-appearances", CourtAppearanceViewSet, "counsel-court-appearance"),
]
