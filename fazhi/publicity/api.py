from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from fazhi.publicity import selectors
from fazhi.publicity.models import Activity, ActivityAudience, ActivityMaterial, MediaPost


class CanViewPublicity(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("publicity.view")


class AudienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityAudience
        fields = ["audience", "reached"]


class MaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityMaterial
        fields = ["kind", "mode", "quantity", "unit", "approximate"]


class ActivitySerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)
    strand_display = serializers.CharField(source="get_strand_display", read_only=True)
    themes = serializers.SerializerMethodField()
    audiences = AudienceSerializer(many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "area",
            "area_name",
            "held_on",
            "title",
            "place",
            "form",
            "strand",
            "strand_display",
            "themes",
            "participants",
            "audiences",
            "materials",
        ]

    def get_themes(self, obj) -> list[str]:
        return [t.theme for t in obj.themes.all()]


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """普法活动 within the caller's scope."""

    serializer_class = ActivitySerializer
    permission_classes = [CanViewPublicity]
    filterset_fields = ["strand", "form", "area"]

    def get_queryset(self):
        return selectors.activity_list(user=self.request.user)


class MediaPostSerializer(serializers.ModelSerializer):
    account_name = serializers.CharField(source="account.name", read_only=True)
    series_title = serializers.CharField(source="series.title", read_only=True, default=None)

    class Meta:
        model = MediaPost
        fields = [
            "id",
            "account",
            "account_name",
            "published_on",
            "title",
            "topic",
            "link",
            "views",
            "series",
            "series_title",
            "episode_no",
        ]


class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """新媒体推送 within the caller's scope."""

    serializer_class = MediaPostSerializer
    permission_classes = [CanViewPublicity]
    filterset_fields = ["account", "series", "topic"]

    def get_queryset(self):
        return selectors.post_list(user=self.request.user)


ROUTES = [
    ("publicity/activities", ActivityViewSet, "publicity-activity"),
    ("publicity/posts", PostViewSet, "publicity-post"),
]
