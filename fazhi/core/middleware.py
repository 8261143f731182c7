from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from fazhi.core.addresses import client_ip, from_trusted_proxy


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Chinese unless the user chose another language (the language cookie); the browser's
    Accept-Language is ignored, so a township PC with an English browser still shows Chinese."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AuditContextMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware with the client address from ``fazhi.core.addresses.client_ip``.

    auditlog's own takes the leftmost ``X-Forwarded-For`` hop (and ``X-Forwarded-Port``) from anyone, so any client
    could write the address of its audit entries; here both are believed only from a trusted proxy.
    """

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        if not from_trusted_proxy(request):
            return None
        try:
            return int(request.headers.get("X-Forwarded-Port", ""))
        except ValueError:
            return None
