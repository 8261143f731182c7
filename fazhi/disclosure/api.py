import django_filters
from rest_framework import serializers, viewsets

from fazhi.accounts.roles import Module
from fazhi.areas.apiwrite import ServiceCreateMixin, VisibleField, module_permission
from fazhi.core.concurrency import VersionETagMixin
from fazhi.disclosure import services
from fazhi.disclosure.models import Board, BoardCategory, Posting

CanViewDisclosure = module_permission(Module.DISCLOSURE)


class BoardSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Board
        fields = ["id", "area", "area_name", "category", "frequency", "location", "established_on"]


class PostingSerializer(serializers.ModelSerializer):
    board = VisibleField(queryset=Board.objects.all())
    board_label = serializers.CharField(read_only=True)
    is_on_time = serializers.BooleanField(read_only=True)
    is_published = serializers.BooleanField(read_only=True)

    class Meta:
        model = Posting
        fields = [
            "id",
            "board",
            "board_label",
            "title",
            "text",
            "period_end",
            "due_on",
            "posted_on",
            "is_on_time",
            "removed_on",
            "published_on",
            "withdrawn_on",
            "is_published",
        ]
        # Due date, publication and removal follow from the board and the posting's workflow, never from input.
        read_only_fields = ["due_on", "removed_on", "published_on", "withdrawn_on"]


class BoardViewSet(viewsets.ReadOnlyModelViewSet):
    """公开栏 within the caller's scope."""

    serializer_class = BoardSerializer
    permission_classes = [CanViewDisclosure]
    filterset_fields = ["area", "category", "frequency"]

    def get_queryset(self):
        return Board.objects.visible_to(self.request.user).select_related("area")


def _visible_boards(request):
    return Board.objects.visible_to(request.user) if request is not None else Board.objects.none()


class PostingFilter(django_filters.FilterSet):
    # Choices from the caller's boards: another area's board id answers exactly like one that does not exist.
    board = django_filters.ModelChoiceFilter(queryset=_visible_boards)
    board__category = django_filters.ChoiceFilter(field_name="board__category", choices=BoardCategory.choices)

    class Meta:
        model = Posting
        fields = ["board", "board__category"]


class PostingViewSet(VersionETagMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """公开事项 of the boards within the caller's scope; POST records one (service `posting_create`, which sets
    its due date from the board's frequency)."""

    serializer_class = PostingSerializer
    permission_classes = [CanViewDisclosure]
    filterset_class = PostingFilter

    def get_queryset(self):
        return Posting.objects.visible_to(self.request.user).select_related("board__area")

    def create_record(self, *, actor, **data):
        return services.posting_create(actor=actor, **data)


ROUTES = [
    ("disclosure/boards", BoardViewSet, "disclosure-board"),
    ("disclosure/postings", PostingViewSet, "disclosure-posting"),
]
