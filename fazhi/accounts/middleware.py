import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.accounts.otp import has_device, second_factor_required


class SecondFactorRequiredMiddleware:
    """A session that needs a second factor reaches only the token page (or enrolment, if there is no device yet)
    and logout until a token passes — admin roles always when FAZHI_REQUIRE_ADMIN_OTP is on, others once enrolled.

    GB/T 22239-2019 身份鉴别 d) (docs/law.md SEC-14, SEC-18).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
            and second_factor_required(request)
        ):
            target = reverse("accounts:otp_verify" if has_device(user) else "accounts:otp_enrol")
            if request.path not in {target, reverse("accounts:logout")}:
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Accounts created by an admin must set their own password before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:password_change")
        return self.get_response(request)


class IdleSessionMiddleware:
    """Keeps a signed-in session alive while it is used, writing it at most once a minute.

    The session lapses after SESSION_COOKIE_AGE of idleness (GB/T 22239-2019 身份鉴别 b, docs/law.md SEC-18). Saving
    the session on every request (SESSION_SAVE_EVERY_REQUEST) would make every page view a database write, which
    serialises readers on SQLite under load; a minute's slack on a 30-minute idle limit costs nothing.
    """

    KEY = "_fazhi_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def stamp(cls, sender, request, user, **kwargs):
        """At login, which saves the session anyway: the first page after it need not write it again."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.FAZHI_SESSION_TOUCH_SECONDS:
                session[self.KEY] = now  # marks it modified: SessionMiddleware saves it with a fresh expiry
        return response
