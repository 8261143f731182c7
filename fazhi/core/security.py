"""Security-baseline middleware (the settings side lives in config/settings.py, the checks in checks.py)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in user are never stored by the browser or a proxy (personal data, case files).

    GB/T 22239-2019 8.1.4.10 剩余信息保护 / 个人信息保护法 第五十一条: a shared township PC must not keep copies.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
