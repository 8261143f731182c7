from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.core.concurrency import VersionETagMixin
from fazhi.decisions import selectors
from fazhi.decisions.models import Decision, DiscussionStatement, ExpertOpinion


class CanViewDecisions(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("decisions.view")


class ExpertOpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertOpinion
        fields = ["expert", "affiliation", "opinion", "given_on"]


class StatementSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiscussionStatement
        fields = ["speaker", "is_principal", "statement", "dissent"]


class DecisionSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    status_label = serializers.CharField(read_only=True)
    expert_opinions = ExpertOpinionSerializer(many=True, read_only=True)
    statements = StatementSerializer(many=True, read_only=True)
    n_comments = serializers.IntegerField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id", "area", "area_name", "title", "year", "summary", "status", "status_label",
            "catalogued", "published_on", "participation_required", "expert_required", "risk_required",
            "comment_started_on", "comment_ends_on", "comment_shortened_reason", "comment_handling", "n_comments",
            "expert_opinions", "risk_assessor", "risk_level", "risk_conclusion",
            "review_started_on", "reviewer", "review_conclusion", "review_opinion", "reviewed_on",
            "meeting", "discussed_on", "attendees", "statements", "outcome", "announced_on", "announcement",
            "implementing_unit", "implementation_notes", "evaluator", "evaluated_on", "evaluation",
        ]  # fmt: skip


class DecisionViewSet(VersionETagMixin, viewsets.ReadOnlyModelViewSet):
    """重大行政决策 and their procedure records within the caller's scope (read-only)."""

    serializer_class = DecisionSerializer
    permission_classes = [CanViewDecisions]
    filterset_fields = ["area", "year", "status", "catalogued"]

    def get_queryset(self):
        return selectors.decision_list(user=self.request.user).prefetch_related("expert_opinions", "statements")


ROUTES = [("decisions/decisions", DecisionViewSet, "decisions-decision")]
