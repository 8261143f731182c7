from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.core.concurrency import VersionETagMixin
from fazhi.documents import selectors
from fazhi.documents.models import LegalityReview, NormativeDocument, PrecheckFlag


class CanViewDocuments(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("documents.view")


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrecheckFlag
        fields = ["id", "rule_code", "rule_label", "rule_source", "passage", "start", "end", "status", "note"]


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalityReview
        fields = [
            "id",
            "reviewer_name",
            "body",
            "reviewed_on",
            "authority_result",
            "authority_opinion",
            "content_result",
            "content_opinion",
            "procedure_result",
            "procedure_opinion",
            "conclusion",
            "opinion",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    flags = FlagSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "area",
            "area_name",
            "title",
            "drafting_unit",
            "status",
            "status_display",
            "consultation_required",
            "consultation_start",
            "consultation_end",
            "review_submitted_on",
            "deliberation_meeting",
            "deliberated_on",
            "registration_no",
            "issued_on",
            "filing_due",
            "filed_on",
            "valid_until",
            "repealed_on",
            "flags",
            "reviews",
        ]


class DocumentViewSet(VersionETagMixin, viewsets.ReadOnlyModelViewSet):
    """规范性文件 within the caller's scope, with their pre-check flags and legality reviews."""

    serializer_class = DocumentSerializer
    permission_classes = [CanViewDocuments]
    filterset_fields = ["area", "status", "issued_year"]

    def get_queryset(self):
        return selectors.document_list(user=self.request.user).prefetch_related("flags", "reviews")


ROUTES = [("documents/documents", DocumentViewSet, "documents-document")]
