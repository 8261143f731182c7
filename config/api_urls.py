from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from fazhi.areas.api import AreaViewSet, me_view

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")

urlpatterns = [
    path("me/", me_view, name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
