from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

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


class PublicBodyLimitMiddleware:
    """The public site (submissions, Open311) refuses a request body larger than FAZHI_PUBLIC_MAX_BODY_BYTES from its
    declared Content-Length, with 413 and a Chinese message, before anything reads it (security review, low: an
    anonymous 120 MB upload was read to the end before it was refused). It sits before the CSRF check, which would read
    the body first. A body sent without a length (chunked) is cut at the limit by the server in front (nginx
    client_max_body_size, docs/deployment.md)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = f"/{settings.FAZHI_PUBLIC_PREFIX}/"

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH") and request.path.startswith(self.prefix):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.FAZHI_PUBLIC_MAX_BODY_BYTES
            if length > limit:
                message = _("提交的内容太大（%(got)d MB），网上提交一次最多 %(max)d MB，请减少或压缩照片后再提交。") % {
                    "got": -(-length // (1024 * 1024)),
                    "max": limit // (1024 * 1024),
                }
                return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
