"""Password history (the last 5) and an optional maximum age (security review, low: 定期更换 was promised, but a new
password could equal the old one)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts import services
from fazhi.accounts.models import PasswordHistory
from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD, make_user

PASSWORDS = [f"Xinmima#{n}0{n}6" for n in range(1, 8)]


@pytest.fixture
def member(world):
    return make_user("pw_member", role=Role.GRID_MEMBER, area=world.grid)


def test_a_new_password_equal_to_the_current_one_is_refused_in_chinese(member, client):
    client.force_login(member)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": TEST_PASSWORD, "new_password2": TEST_PASSWORD},
    )
    assert response.status_code == 200
    assert "新密码不能与最近 5 次使用过的密码相同。" in response.content.decode()
    member.refresh_from_db()
    assert member.password_changed_at is None and not PasswordHistory.objects.filter(user=member).exists()


def test_none_of_the_last_five_passwords_may_come_back_but_the_sixth_may(member):
    for password in PASSWORDS[:5]:
        services.user_set_password(user=member, password=password)
    for password in PASSWORDS[:5]:
        with pytest.raises(ValidationError, match="最近 5 次"):
            services.user_set_password(user=member, password=password)
    services.user_set_password(user=member, password=PASSWORDS[5])
    services.user_set_password(user=member, password=PASSWORDS[0])  # now six changes ago
    assert member.password_history.count() == 5


def test_only_hashes_are_kept(member):
    services.user_set_password(user=member, password=PASSWORDS[0])
    (kept,) = PasswordHistory.objects.filter(user=member).values_list("password", flat=True)
    assert kept == member.password and PASSWORDS[0] not in kept


def test_without_a_maximum_age_an_old_password_is_fine(member, client, settings):
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = None
    member.password_changed_at = timezone.now() - datetime.timedelta(days=3650)
    member.save()
    client.force_login(member)
    assert client.get(reverse("core:workbench")).status_code == 200


def test_a_password_past_the_maximum_age_must_be_changed_then_the_platform_opens(member, client, settings):
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 90
    member.password_changed_at = timezone.now() - datetime.timedelta(days=91)
    member.save()
    client.force_login(member)
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:password_change")).status_code == 200  # no loop
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": PASSWORDS[0], "new_password2": PASSWORDS[0]},
    )
    assert changed.status_code == 302
    assert client.get(reverse("core:workbench")).status_code == 200


def test_an_expired_admin_with_a_second_factor_changes_the_password_then_enrols_without_a_loop(world, client, settings):
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 90
    settings.FAZHI_REQUIRE_ADMIN_OTP = True
    admin = make_user("pw_sec_admin", role=Role.SEC_ADMIN, area=world.county)
    admin.password_changed_at = timezone.now() - datetime.timedelta(days=200)
    admin.save()
    client.force_login(admin)
    first = client.get(reverse("core:workbench"))
    assert first["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:password_change")).status_code == 200
    client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": PASSWORDS[1], "new_password2": PASSWORDS[1]},
    )
    then = client.get(reverse("core:workbench"))
    assert then.status_code == 302 and then["Location"].startswith(reverse("accounts:otp_enrol"))
    assert client.get(then["Location"]).status_code == 200
