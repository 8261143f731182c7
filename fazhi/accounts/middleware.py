import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.accounts.otp import has_device, second_factor_required
from fazhi.accounts.password_history import password_expired


def sign_in_step(request) -> str | None:
    """The URL name of the step a signed-in session must finish before any other page, or None.

    Both middlewares below ask this one function, so they can never send each other's page away (two separate
    rules once bounced a new admin between the password page and the enrolment page for ever). The order:
      1. a bound phone's token — a password alone may not change the password (GB/T 22239-2019 身份鉴别 d);
      2. the account's own password, when an admin created or reset it, or it is older than
         FAZHI_PASSWORD_MAX_AGE_DAYS (身份鉴别 a: 定期更换);
      3. binding a phone, for an account that must have a second factor and has none yet — after step 2, so the
         phone is bound in a session opened with the holder's own password, not the one an admin handed out.
    """
    if hasattr(request, "_fazhi_sign_in_step"):
        return request._fazhi_sign_in_step
    user = getattr(request, "user", None)
    step = None
    if user is not None and user.is_authenticated:
        needs_factor = not user.is_verified() and second_factor_required(request)
        if needs_factor and has_device(user):
            step = "accounts:otp_verify"
        elif user.must_change_password or password_expired(user):
            step = "accounts:password_change"
        elif needs_factor:
            step = "accounts:otp_enrol"
    request._fazhi_sign_in_step = step
    return step


def _reachable_during(request, step: str) -> bool:
    # Logout and the language switch are part of every step's page; static files are what it is drawn with.
    if request.path.startswith(settings.STATIC_URL):
        return True
    return request.path in {reverse(step), reverse("accounts:logout"), reverse("set_language")}


class SecondFactorRequiredMiddleware:
    """A session that needs a second factor reaches only the token page (or enrolment, if there is no device yet)
    and logout until a token passes — admin roles always when FAZHI_REQUIRE_ADMIN_OTP is on, others once enrolled.

    GB/T 22239-2019 8.1.4.1 身份鉴别 d).
    """

    STEPS = frozenset({"accounts:otp_verify", "accounts:otp_enrol"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = sign_in_step(request)
        if step in self.STEPS and not _reachable_during(request, step):
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Accounts created by an admin must set their own password before anything else but a pending token."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = sign_in_step(request)
        if step == "accounts:password_change" and not _reachable_during(request, step):
            return redirect(step)
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
