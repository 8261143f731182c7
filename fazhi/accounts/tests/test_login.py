import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.middleware import IdleSessionMiddleware
from fazhi.accounts.roles import Role
from fazhi.accounts.validators import PasswordPolicyValidator
from fazhi.areas.testing import TEST_PASSWORD, make_user


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


@pytest.mark.parametrize("password", ["abcdefgh", "abcd1234", "ABCDEFGH1"])
def test_password_needs_three_character_classes(password):
    with pytest.raises(ValidationError, match="至少3类"):
        PasswordPolicyValidator().validate(password)


def test_password_needs_eight_characters():
    with pytest.raises(ValidationError, match="密码至少8位"):
        PasswordPolicyValidator().validate("aB1_x")


def test_password_with_three_classes_passes():
    PasswordPolicyValidator().validate("abcD1234")
    PasswordPolicyValidator().validate("abc_1234")


def test_wrong_password_shows_a_chinese_message(world, client):
    response = _login(client, "u_leader", "wrong-Pass1")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_password(world, client):
    for _ in range(4):
        assert _login(client, "u_leader", "wrong-Pass1").status_code == 200
    assert "账号已锁定" in _login(client, "u_leader", "wrong-Pass1").content.decode()
    response = _login(client, "u_leader", TEST_PASSWORD)
    assert "账号已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username="u_leader").count() >= 5
    # Another account is not affected by the lockout.
    assert _login(client, "u_legal_staff", TEST_PASSWORD).status_code == 302


def test_lockout_expires_after_fifteen_minutes(world, client):
    for _ in range(5):
        _login(client, "u_leader", "wrong-Pass1")
    assert AccessAttempt.objects.filter(username="u_leader").exists()
    sixteen_minutes_ago = timezone.now() - datetime.timedelta(minutes=16)
    AccessAttempt.objects.filter(username="u_leader").update(attempt_time=sixteen_minutes_ago)
    assert _login(client, "u_leader", TEST_PASSWORD).status_code == 302


def test_login_and_logout_are_recorded(world, client):
    assert _login(client, "u_leader", TEST_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    log = AccessLog.objects.get(username="u_leader")
    assert log.ip_address == "10.1.2.3" and log.logout_time is not None


def test_admin_created_account_must_change_password_first(world, client):
    user = make_user("fresh", role=Role.GRID_MEMBER, area=world.grid)
    user.must_change_password = True
    user.save()
    client.force_login(user)
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    bad = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert "密码至少8位" in bad.content.decode()
    ok = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "Xinmima#2026", "new_password2": "Xinmima#2026"},
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Xinmima#2026")
    assert client.get(reverse("core:workbench")).status_code == 200


def _signed_in_session(client, world):
    client.force_login(make_user("idle_user", role=Role.LEGAL_STAFF, area=world.township))  # stamps the session
    return Session.objects.get(session_key=client.session.session_key)


def test_a_used_session_is_written_at_most_once_a_minute(world):
    client = Client()
    session = _signed_in_session(client, world)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("core:workbench")).status_code == 200
    writes = [q["sql"] for q in captured if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    assert writes == []
    assert Session.objects.get(pk=session.pk).expire_date == session.expire_date


def test_a_session_used_after_a_minute_gets_thirty_more_idle_minutes(world, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = Client()
    session = _signed_in_session(client, world)
    stored = client.session
    stored[IdleSessionMiddleware.KEY] -= settings.FAZHI_SESSION_TOUCH_SECONDS
    stored.save()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    assert client.get(reverse("core:workbench")).status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + datetime.timedelta(minutes=29)


def test_a_session_idle_for_thirty_minutes_must_sign_in_again(world):
    client = Client()
    session = _signed_in_session(client, world)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
