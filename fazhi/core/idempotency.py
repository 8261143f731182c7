"""A form submitted twice saves once, without JavaScript (security review, low: a double-submitted form created two
records).

Every rendered POST form carries a token of its own: the project's `{% csrf_token %}` (this module is a template
builtin, so it replaces Django's tag everywhere) adds a hidden `_form_token` beside the CSRF field. The first POST of a
token claims it in the shared cache (`cache.add`, atomic in the database cache); when that POST succeeds — it redirects,
as every create view does after saving — the token is kept with where it led. A second POST of the same token (a double
click, a resent page) does not reach the view: it waits for the first to finish and is sent where the first one went,
with a message saying nothing was saved twice. A POST that did not succeed (a form shown again with errors) frees its
token; the page it shows renders a new one. Edit forms carry the token too and are guarded the same way; their version
check (fazhi/core/concurrency.py) is independent of it.
"""

import secrets
import time

from django import template
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.translation import gettext as _

FIELD = "_form_token"
KEEP_SECONDS = 24 * 3600
WAIT_SECONDS = 15  # a second click arrives while the first request still runs: wait for its outcome
POLL_SECONDS = 0.1

register = template.Library()


class FormTokenNode(CsrfTokenNode):
    def render(self, context):
        csrf = super().render(context)
        if not csrf:
            return csrf
        return format_html('{}<input type="hidden" name="{}" value="{}">', csrf, FIELD, secrets.token_urlsafe(18))


@register.tag
def csrf_token(parser, token):
    return FormTokenNode()


def _key(token: str) -> str:
    return f"form-token:{token}"


def _settled(key: str) -> dict | None:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        seen = cache.get(key)
        if seen is None or seen.get("url") or time.monotonic() > deadline:
            return seen
        time.sleep(POLL_SECONDS)


class FormTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token or len(token) > 64:
            return self.get_response(request)
        key = _key(token)
        owner = request.user.pk if request.user.is_authenticated else None
        if not cache.add(key, {"owner": owner, "url": ""}, KEEP_SECONDS):
            seen = _settled(key)
            if seen and seen.get("url") and seen.get("owner") == owner:
                messages.info(request, _("该表单已经提交过，没有重复保存；以下是第一次提交的结果。"))
                return redirect(seen["url"])
            return self.get_response(request)
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(key)
            raise
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        if location:
            cache.set(key, {"owner": owner, "url": location}, KEEP_SECONDS)
        else:
            cache.delete(key)
        return response
