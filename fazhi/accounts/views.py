from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from fazhi.accounts import otp, services
from fazhi.accounts.forms import LoginForm, PasswordChangeForm, TokenForm
from fazhi.core.forms import add_service_errors


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if otp.has_device(form.get_user()):
            self.request.session[otp.SESSION_PENDING] = True
        return response


login_view = LoginView.as_view()
logout_view = auth_views.LogoutView.as_view()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "core:workbench"


def _signed_in_with_token(request, device) -> None:
    otp_login(request, device)
    request.session.pop(otp.SESSION_PENDING, None)


@login_required
def otp_verify_view(request):
    if not otp.has_device(request.user):
        return redirect("accounts:otp_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = otp.totp_verify(user=request.user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _signed_in_with_token(request, device)
            return redirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def otp_enrol_view(request):
    # With a device already bound, only a session that passed it may bind another (a stolen password is not enough).
    if otp.has_device(request.user) and not request.user.is_verified():
        return redirect("accounts:otp_verify")
    device = otp.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = otp.totp_device_confirm(user=request.user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _signed_in_with_token(request, device)
            messages.success(request, _("动态口令已绑定，今后登录时须输入。"))
            return redirect(_next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": mark_safe(otp.enrolment_qr_svg(device)),  # segno's own markup, no user text in it
        "manual_key": otp.manual_key(device),
    }
    return render(request, "accounts/otp_enrol.html", context)


@login_required
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(user=request.user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect("core:workbench")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def profile_view(request):
    posts = request.user.posts.select_related("area").order_by("-valid_from")
    context = {"posts": posts, "has_otp_device": otp.has_device(request.user)}
    return render(request, "accounts/profile.html", context)
