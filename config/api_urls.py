import importlib

from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from config.apidocs import LocalRedocView, redoc_bundle_view
from fazhi.areas.api import AreaViewSet, me_view

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")
extra = []

# A domain app exposes its API in fazhi/<app>/api.py: ROUTES = [(prefix, ViewSet, basename)] and,
# optionally, urlpatterns for function endpoints.
for app in settings.DOMAIN_APPS:
    try:
        module = importlib.import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    for prefix, viewset, basename in getattr(module, "ROUTES", []):
        router.register(prefix, viewset, basename=basename)
    extra += getattr(module, "urlpatterns", [])

urlpatterns = [
    path("me/", me_view, name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", LocalRedocView.as_view(url_name="api:schema"), name="docs"),
    path("docs/redoc.standalone.js", redoc_bundle_view, name="docs_bundle"),
    *extra,
    path("", include(router.urls)),
]
