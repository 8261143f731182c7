from django.urls import include, path

# Each domain app serves its pages under its own prefix; see fazhi/<app>/urls.py.
DOMAIN_PREFIXES = [
    "people",
    "grid",
    "mediation",
    "petitions",
    "publicity",
    "training",
    "counsel",
    "ledger",
    "documents",
    "decisions",
    "enforcement",
    "disclosure",
    "leadership",
    "figures",
    "reports",
    "imports",
]
# The public site for residents (no login) lives under its own prefix.
PUBLIC_PREFIX = "public"

# A database that is down or a full disk answers with a clear page (503/507) instead of a bare 500.
handler500 = "fazhi.core.unavailable.server_error_view"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("fazhi.accounts.urls")),
    path("api/v1/", include(("config.api_urls", "api"))),
    *[path(f"{prefix}/", include(f"fazhi.{prefix}.urls")) for prefix in DOMAIN_PREFIXES],
    path(f"{PUBLIC_PREFIX}/", include("fazhi.portal.urls")),
    path("", include("fazhi.areas.urls")),
    path("", include("fazhi.core.urls")),
]
