"""A brand-new admin's first sign-in with the production setting on: own password, then a phone, then the home page.

Driven through the real pages with django's test Client and real TOTP codes (django-otp's own TOTP code); every
redirect is followed, and the journey must end within a bounded number of steps (it once looped for ever between
the password page and the enrolment page).
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts.models import User
from fazhi.accounts.roles import ADMIN_ROLES, Role
from fazhi.areas.services import member_create
from fazhi.areas.testing import TEST_PASSWORD

NEW_PASSWORD = "Own@pass2026"
MAX_STEPS = 12


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.FAZHI_REQUIRE_ADMIN_OTP = True


def _token(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _sign_in(client, username: str, password: str) -> list[str]:
    """Sign in and do whatever each page asks until the home page; returns the pages seen, in order."""
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    seen, hops = [], []
    for _step in range(MAX_STEPS):
        if response.status_code == 302:
            hops.append(response["Location"])
            response = client.get(response["Location"])
            continue
        assert response.status_code == 200, (response.status_code, seen)
        path = response.wsgi_request.path
        seen.append(path)
        if path == reverse("core:workbench"):
            return seen
        if path == reverse("accounts:password_change"):
            form = {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
            response = client.post(path, form)
        elif path == reverse("accounts:otp_enrol"):
            device = TOTPDevice.objects.get(user__username=username, confirmed=False)
            response = client.post(path, {"token": _token(device), "next": response.context["next"]})
        elif path == reverse("accounts:otp_verify"):
            device = TOTPDevice.objects.get(user__username=username, confirmed=True)
            response = client.post(path, {"token": _token(device), "next": response.context["next"]})
        else:
            pytest.fail(f"unexpected page {path} after {seen}")
    pytest.fail(f"no home page after {MAX_STEPS} steps; pages seen: {seen}; redirects: {hops}")


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_a_new_admin_changes_the_password_then_binds_a_phone_then_reaches_home(world, client, role):
    post = member_create(
        actor=world.user(Role.SEC_ADMIN),
        username="new_admin",
        display_name="新管理员",
        unit="信息中心",
        password=TEST_PASSWORD,
        role=role,
        area=world.county,
    )
    assert post.user.must_change_password

    seen = _sign_in(client, "new_admin", TEST_PASSWORD)

    assert seen == [reverse("accounts:password_change"), reverse("accounts:otp_enrol"), reverse("core:workbench")]
    user = User.objects.get(username="new_admin")
    assert not user.must_change_password and user.check_password(NEW_PASSWORD)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_the_first_security_admin_made_by_the_command_signs_in_on_an_empty_deployment(db, client, monkeypatch):
    assert not User.objects.exists()
    monkeypatch.setenv("FAZHI_ADMIN_PASSWORD", TEST_PASSWORD)
    call_command(
        "create_security_admin", "--username", "anquan", "--area-code", "500229000000", "--area-name", "城口县"
    )

    seen = _sign_in(client, "anquan", TEST_PASSWORD)

    assert seen[-1] == reverse("core:workbench")
    page = client.get(reverse("areas:member_list"))
    assert page.status_code == 200  # a security admin's own page, reachable once signed in


def test_a_reset_password_with_a_bound_phone_asks_for_the_token_first(world, client):
    user = world.user(Role.AUDIT_ADMIN)
    TOTPDevice.objects.create(user=user, name="手机令牌", confirmed=True)
    User.objects.filter(pk=user.pk).update(must_change_password=True)

    seen = _sign_in(client, user.username, TEST_PASSWORD)

    # A password alone may not change the password of an account that has a phone.
    assert seen == [reverse("accounts:otp_verify"), reverse("accounts:password_change"), reverse("core:workbench")]


@pytest.mark.parametrize("step", ["accounts:password_change", "accounts:otp_enrol"])
def test_each_sign_in_step_keeps_logout_static_files_and_the_language_switch(world, client, step):
    member_create(
        actor=world.user(Role.SEC_ADMIN),
        username="new_admin",
        display_name="新管理员",
        unit="",
        password=TEST_PASSWORD,
        role=Role.SYS_ADMIN,
        area=world.county,
    )
    client.post(reverse("accounts:login"), {"username": "new_admin", "password": TEST_PASSWORD})
    if step == "accounts:otp_enrol":
        form = {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        client.post(reverse("accounts:password_change"), form)
    home = client.get(reverse("core:workbench"))
    assert home.status_code == 302 and home["Location"].startswith(reverse(step))
    assert client.get(reverse(step)).status_code == 200
    # Other pages are still closed at this step.
    assert client.get(reverse("accounts:profile"))["Location"].startswith(reverse(step))

    static = client.get("/static/no-such-file.css")
    assert not (static.status_code == 302 and "/accounts/" in static["Location"])
    language = client.post(reverse("set_language"), {"language": "en", "next": reverse(step)})
    assert language.status_code == 302 and language["Location"] == reverse(step)
    out = client.post(reverse("accounts:logout"))
    assert out.status_code == 302
    assert "_auth_user_id" not in client.session
