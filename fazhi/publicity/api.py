from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import AreaField, ServiceCreateMixin, VisibleField, create_schema, module_permission
from fazhi.publicity import selectors, services
from fazhi.publicity.choices import MaterialMode, Strand
from fazhi.publicity.models import Activity, ActivityAudience, ActivityMaterial, MediaAccount, MediaPost, MediaSeries

CanViewPublicity = module_permission(Module.PUBLICITY)


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


class AudienceInputSerializer(serializers.Serializer):
    audience = serializers.CharField(max_length=50)
    reached = serializers.IntegerField(min_value=0)


class MaterialInputSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=50)
    mode = serializers.ChoiceField(choices=MaterialMode.choices, default=MaterialMode.HANDED_OUT)
    quantity = serializers.IntegerField(min_value=0)
    unit = serializers.CharField(max_length=10)
    approximate = serializers.BooleanField(default=False)


class ActivityCreateSerializer(serializers.Serializer):
    """An activity as the page records it: themes, audiences and materials are dictionary codes."""

    area = AreaField()
    held_on = serializers.DateField()
    title = serializers.CharField(max_length=200)
    form = serializers.CharField(max_length=50)
    strand = serializers.ChoiceField(choices=Strand.choices, default=Strand.POPULAR)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    themes = serializers.ListField(child=serializers.CharField(max_length=50), required=False, default=list)
    audiences = AudienceInputSerializer(many=True, required=False, default=list)
    participants = serializers.IntegerField(min_value=0, default=0)
    materials = MaterialInputSerializer(many=True, required=False, default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


@create_schema(ActivityCreateSerializer, ActivitySerializer)
class ActivityViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """普法活动 within the caller's scope; POST records one through the page's service."""

    serializer_class = ActivitySerializer
    create_serializer_class = ActivityCreateSerializer
    permission_classes = [CanViewPublicity]
    filterset_fields = ["strand", "form", "area"]

    def get_queryset(self):
        return selectors.activity_list(user=self.request.user)

    def create_record(self, *, actor, audiences, materials, **data):
        reached: dict[str, int] = {}
        for row in audiences:
            reached[row["audience"]] = reached.get(row["audience"], 0) + row["reached"]
        rows = [services.MaterialInput(**m) for m in materials]
        return services.activity_create(actor=actor, audiences=reached, materials=rows, **data)


class MediaPostSerializer(serializers.ModelSerializer):
    account = VisibleField(queryset=MediaAccount.objects.all())
    series = VisibleField(queryset=MediaSeries.objects.all(), required=False, allow_null=True)
    account_name = serializers.CharField(source="account.name", read_only=True)
    series_title = serializers.CharField(source="series.title", read_only=True, default=None)

    class Meta:
        model = MediaPost
        # The episode's uniqueness is the model's constraint, checked by the service's full_clean (a DRF
        # validator built from it would make `series` required).
        validators = []
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


class PostViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """新媒体推送 within the caller's scope; POST records one on an account the caller may see."""

    serializer_class = MediaPostSerializer
    permission_classes = [CanViewPublicity]
    filterset_fields = ["account", "series", "topic"]

    def get_queryset(self):
        return selectors.post_list(user=self.request.user)

    def create_record(self, *, actor, **data):
        return services.post_create(actor=actor, **data)


ROUTES = [
    ("publicity/activities", ActivityViewSet, "publicity-activity"),
    ("publicity/posts", PostViewSet, "publicity-post"),
]
