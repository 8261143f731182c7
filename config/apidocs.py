"""The API documentation (Redoc) from this host only: township intranets have no internet, and a page that asks
for web fonts or a logo from a CDN waits on them and fills the console with errors.

drf-spectacular's Redoc template links Google Fonts, and Redoc's bundle shows Redocly's logo from cdn.redoc.ly in
its footer. Our template (templates/api/redoc.html) links no fonts — Redoc falls back to the system's sans-serif —
and the bundle from drf-spectacular-sidecar is served with the logo's address pointed at our own icon.
"""

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularRedocView

BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@lru_cache(maxsize=1)
def _bundle() -> bytes:
    path = finders.find(BUNDLE)
    if path is None:  # pragma: no cover - drf-spectacular-sidecar is a requirement
        raise RuntimeError(f"{BUNDLE} not found: is drf-spectacular-sidecar installed?")
    with open(path, "rb") as fh:
        return fh.read().replace(REMOTE_LOGO.encode(), static("favicon.svg").encode())


@require_GET
def redoc_bundle_view(request):
    response = HttpResponse(_bundle(), content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class LocalRedocView(SpectacularRedocView):
    template_name = "api/redoc.html"

    @staticmethod
    def _redoc_standalone():
        return reverse("api:docs_bundle")
