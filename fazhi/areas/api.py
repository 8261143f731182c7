from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from fazhi.accounts.permissions import active_posts
from fazhi.accounts.roles import Module
from fazhi.areas.models import Area
from fazhi.areas.scoping import areas_visible_to


class AreaSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Area
        fields = ["id", "parent", "level", "level_display", "name", "code", "grid_number", "valid_from", "valid_to"]


class CanViewAreas(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("areas.view")


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """区划 within the caller's scope (this area and below)."""

    serializer_class = AreaSerializer
    permission_classes = [CanViewAreas]
    filterset_fields = ["level", "parent"]

    def get_queryset(self):
        return areas_visible_to(self.request.user, Module.AREAS).order_by("path")


class PostSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    area = serializers.IntegerField(source="area_id")
    area_name = serializers.CharField(source="area.name")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    posts = PostSerializer(many=True)


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me_view(request):
    """The signed-in account and its active posts."""
    posts = active_posts(request.user)
    return Response(
        MeSerializer(
            {"username": request.user.username, "display_name": request.user.display_name, "posts": posts}
        ).data
    )
