from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import AreaField, ServiceCreateMixin, VisibleField, module_permission
from fazhi.training import selectors, services
from fazhi.training.models import Cadre, Session


class StudySessionSerializer(serializers.ModelSerializer):
    area = AreaField()
    area_name = serializers.CharField(source="area.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    named_attendees = serializers.IntegerField(source="n_named", read_only=True)
    cadres = VisibleField(queryset=Cadre.objects.all(), many=True, required=False, write_only=True)

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
            "materials",
            "participants",
            "named_attendees",
            "cadres",
        ]
        extra_kwargs = {"materials": {"write_only": True}}


class SessionViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """学法培训 sessions within the caller's scope (attendees' names are not exposed here); POST records one with its
    named attendance (cadre ids) through the page's service."""

    serializer_class = StudySessionSerializer
    permission_classes = [module_permission(Module.TRAINING)]
    filterset_fields = ["kind", "area"]

    def get_queryset(self):
        return selectors.session_list(user=self.request.user)

    def create_record(self, *, actor, **data):
        return services.session_create(actor=actor, **data)


ROUTES = [("training/sessions", SessionViewSet, "training-session")]
