from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("fazhi.accounts.urls")),
    path("api/v1/", include(("config.api_urls", "api"))),
    path("", include("fazhi.areas.urls")),
    path("", include("fazhi.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
