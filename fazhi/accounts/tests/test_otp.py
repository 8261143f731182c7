"""Second factor with real TOTP tokens, computed by django-otp's own TOTP code (no mocks)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts.roles import ADMIN_ROLES, Role
from fazhi.areas.testing import TEST_PASSWORD
from fazhi.core.models import AuditEntry


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.FAZHI_REQUIRE_ADMIN_OTP = True


def _token(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():06d}"


def _login(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": TEST_PASSWORD})


def _bind(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="手机令牌", confirmed=True)


def _unthrottle(device):
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(hours=1)
    )


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_an_admin_without_a_device_must_enrol_before_any_page(world, client, role):
    user = world.user(role)
    response = _login(client, user.username)
    assert response.status_code == 302
    page = client.get(reverse("core:workbench"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:otp_enrol"))
    assert client.get(reverse("accounts:profile"))["Location"].startswith(reverse("accounts:otp_enrol"))
    enrol = client.get(page["Location"])
    assert enrol.status_code == 200
    html = enrol.content.decode()
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    done = client.post(reverse("accounts:otp_enrol"), {"token": _token(device), "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:workbench")).status_code == 200


def test_an_admin_with_a_device_passes_only_with_the_right_token(world, client):
    user = world.user(Role.SEC_ADMIN)
    device = _bind(user)
    _login(client, user.username)
    blocked = client.get(reverse("core:workbench"))
    assert blocked["Location"].startswith(reverse("accounts:otp_verify"))
    # A password alone may not bind another phone either.
    assert client.get(reverse("accounts:otp_enrol"))["Location"].startswith(reverse("accounts:otp_verify"))

    wrong = client.post(reverse("accounts:otp_verify"), {"token": _token(device, offset_steps=10)})
    assert wrong.status_code == 200
    assert "动态口令不正确" in wrong.content.decode()
    assert client.get(reverse("core:workbench")).status_code == 302

    _unthrottle(device)
    right = client.post(reverse("accounts:otp_verify"), {"token": _token(device), "next": reverse("accounts:profile")})
    assert right.status_code == 302 and right["Location"] == reverse("accounts:profile")
    assert client.get(reverse("core:workbench")).status_code == 200


def test_token_attempts_are_throttled_even_for_the_right_token(world, client):
    user = world.user(Role.AUDIT_ADMIN)
    device = _bind(user)
    _login(client, user.username)
    client.post(reverse("accounts:otp_verify"), {"token": _token(device, offset_steps=10)})
    throttled = client.post(reverse("accounts:otp_verify"), {"token": _token(device)})
    assert "错误次数过多" in throttled.content.decode()
    assert client.get(reverse("core:workbench")).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the failure was committed, not rolled back with the error


def test_a_used_token_cannot_be_replayed(world, client):
    user = world.user(Role.SYS_ADMIN)
    device = _bind(user)
    token = _token(device)
    _login(client, user.username)
    assert client.post(reverse("accounts:otp_verify"), {"token": token}).status_code == 302
    client.post(reverse("accounts:logout"))
    _login(client, user.username)
    replay = client.post(reverse("accounts:otp_verify"), {"token": token})
    assert replay.status_code == 200 and "已使用过" in replay.content.decode()


@pytest.mark.parametrize("token", ["", "12345", "１２３４５６", "12 34 56", "abcdef", "1234567", "9" * 30])
def test_malformed_tokens_get_a_chinese_message(world, client, token):
    user = world.user(Role.SYS_ADMIN)
    _bind(user)
    _login(client, user.username)
    response = client.post(reverse("accounts:otp_verify"), {"token": token})
    assert response.status_code == 200
    assert "动态口令" in response.content.decode() or "6 位数字" in response.content.decode()
    assert client.get(reverse("core:workbench")).status_code == 302


def test_a_wrong_first_token_leaves_the_enrolment_unconfirmed(world, client):
    user = world.user(Role.SYS_ADMIN)
    _login(client, user.username)
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:otp_enrol"), {"token": _token(device, offset_steps=10)})
    assert "动态口令不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    # Reloading shows the same secret, not a new one.
    client.get(reverse("accounts:otp_enrol"))
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [device.pk]


def test_other_roles_need_no_token_until_they_enrol_and_then_always(world, client):
    user = world.user(Role.GRID_MEMBER)
    _login(client, user.username)
    assert client.get(reverse("core:workbench")).status_code == 200
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=user)
    assert client.post(reverse("accounts:otp_enrol"), {"token": _token(device)}).status_code == 302
    client.post(reverse("accounts:logout"))

    _login(client, user.username)
    assert client.get(reverse("core:workbench"))["Location"].startswith(reverse("accounts:otp_verify"))


def test_admins_sign_in_with_the_password_alone_when_the_setting_is_off(world, client, settings):
    settings.FAZHI_REQUIRE_ADMIN_OTP = False
    _login(client, world.user(Role.SYS_ADMIN).username)
    assert client.get(reverse("core:workbench")).status_code == 200


def test_the_secret_key_never_enters_the_audit_trail(world, client):
    user = world.user(Role.SEC_ADMIN)
    _login(client, user.username)
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:otp_enrol"), {"token": _token(device)})
    entries = AuditEntry.objects.filter(content_type__model="totpdevice")
    assert entries.exists()
    assert all(device.key not in str(e.changes) for e in entries)


def test_the_next_address_never_leaves_the_site(world, client):
    user = world.user(Role.SYS_ADMIN)
    device = _bind(user)
    _login(client, user.username)
    response = client.post(reverse("accounts:otp_verify"), {"token": _token(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:workbench")


def test_an_unverified_session_cannot_replace_a_bound_phone(world, client):
    user = world.user(Role.MEDIATOR)
    device = _bind(user)
    client.force_login(user)  # a session that never passed the token, however it was made
    assert client.get(reverse("accounts:otp_enrol"))["Location"] == reverse("accounts:otp_verify")
    assert list(TOTPDevice.objects.filter(user=user)) == [device]
