"""API of the enforcement records, each starting from the caller's scope. Cases, inspections and joint actions are
created through the same services as the pages; a case's later steps (officers, review, decision) stay on the pages,
where the statutory checks of each step are shown."""

from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import AreaField, ServiceCreateMixin, module_permission
from fazhi.core.concurrency import VersionETagMixin
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    EnforcementCase,
    Inspection,
    JointAction,
    Officer,
    Problem,
    Publication,
    TrainingRecord,
)

CanViewEnforcement = module_permission(Module.ENFORCEMENT)


class OfficerSerializer(serializers.ModelSerializer):
    other_posts = serializers.ListField(source="other_post_list", child=serializers.CharField(), read_only=True)

    class Meta:
        model = Officer
        fields = [
            "id",
            "area",
            "name",
            "certificate_no",
            "certificate_issuer",
            "certificate_field",
            "certificate_issued_on",
            "certificate_valid_until",
            "other_posts",
        ]


class TrainingRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingRecord
        fields = ["id", "officer", "on", "hours", "topic"]


class CaseSerializer(serializers.ModelSerializer):
    area = AreaField()

    class Meta:
        model = EnforcementCase
        fields = [
            "id",
            "area",
            "title",
            "case_type",
            "opened_on",
            "is_major",
            "officers",
            "status",
            "decided_on",
            "conclusion",
            "party",
        ]
        read_only_fields = ["officers", "status", "decided_on", "conclusion"]
        extra_kwargs = {"party": {"write_only": True}}  # party names are written, never read back here


class PublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = [
            "id",
            "case",
            "kind",
            "title",
            "text",
            "due_on",
            "published_on",
            "revoked_on",
            "withdraw_due",
            "withdrawn_on",
            "withdraw_reason",
        ]


class ProblemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Problem
        fields = ["id", "description", "due_on", "rectification", "rectified_on"]


class InspectionSerializer(serializers.ModelSerializer):
    area = AreaField()
    problems = ProblemSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = ["id", "area", "kind", "held_on", "scope", "inspector", "files_inspected", "summary", "problems"]


class JointActionSerializer(serializers.ModelSerializer):
    area = AreaField()

    class Meta:
        model = JointAction
        fields = ["id", "area", "held_on", "departments", "subject", "result"]


class _Scoped(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewEnforcement]


class OfficerViewSet(VersionETagMixin, _Scoped):
    """执法人员及执法证."""

    serializer_class = OfficerSerializer
    filterset_fields = ["area"]

    def get_queryset(self):
        return Officer.objects.visible_to(self.request.user).order_by("name")


class TrainingRecordViewSet(_Scoped):
    """执法人员培训学时."""

    serializer_class = TrainingRecordSerializer
    filterset_fields = ["officer"]

    def get_queryset(self):
        officers = Officer.objects.visible_to(self.request.user)
        return TrainingRecord.objects.filter(officer__in=officers).order_by("-on", "-id")


class CaseViewSet(VersionETagMixin, ServiceCreateMixin, _Scoped):
    """行政执法案件 (party names are not exposed); POST opens one (service `case_create`)."""

    serializer_class = CaseSerializer
    filterset_fields = ["area", "case_type", "status", "is_major"]

    def get_queryset(self):
        return EnforcementCase.objects.visible_to(self.request.user).prefetch_related("officers").order_by("-id")

    def create_record(self, *, actor, **data):
        return services.case_create(actor=actor, **data)


class PublicationViewSet(_Scoped):
    """执法公示."""

    serializer_class = PublicationSerializer
    filterset_fields = ["case", "kind"]

    def get_queryset(self):
        return Publication.objects.visible_to(self.request.user).order_by("-id")


class InspectionViewSet(ServiceCreateMixin, _Scoped):
    """执法检查、案卷评查及发现问题; POST records an inspection (service `inspection_create`)."""

    serializer_class = InspectionSerializer
    filterset_fields = ["area", "kind"]

    def get_queryset(self):
        return Inspection.objects.visible_to(self.request.user).prefetch_related("problems").order_by("-id")

    def create_record(self, *, actor, **data):
        return services.inspection_create(actor=actor, **data)


class JointActionViewSet(ServiceCreateMixin, _Scoped):
    """联合执法; POST records one (service `joint_action_create`)."""

    serializer_class = JointActionSerializer
    filterset_fields = ["area"]

    def get_queryset(self):
        return JointAction.objects.visible_to(self.request.user).order_by("-id")

    def create_record(self, *, actor, **data):
        return services.joint_action_create(actor=actor, **data)


ROUTES = [
    ("enforcement/officers", OfficerViewSet, "enforcement-officer"),
    ("enforcement/trainings", TrainingRecordViewSet, "enforcement-training"),
    ("enforcement/cases", CaseViewSet, "enforcement-case"),
    ("enforcement/publications", PublicationViewSet, "enforcement-publication"),
    ("enforcement/inspections", InspectionViewSet, "enforcement-inspection"),
    ("enforcement/joint-actions", JointActionViewSet, "enforcement-joint-action"),
]
