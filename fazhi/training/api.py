from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.training import selectors
from fazhi.training.models import Session


class CanViewTraining(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("training.view")


class StudySessionSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    named_attendees = serializers.IntegerField(source="n_named", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "area",
            "area_name",
            "kind",
            "kind_display",
            "held_on",
            "topic",
            "trainer",
            "hours",
            "participants",
            "named_attendees",
        ]


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """学法培训 sessions within the caller's scope (attendees' names are not exposed here)."""

    serializer_class = StudySessionSerializer
    permission_classes = [CanViewTraining]
    filterset_fields = ["kind", "area"]

    def get_queryset(self):
        return selectors.session_list(user=self.request.user)


ROUTES = [("training/sessions", SessionViewSet, "training-session")]
