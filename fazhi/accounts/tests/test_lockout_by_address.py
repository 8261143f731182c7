"""Lockout by account and address (security review, low: anyone could lock a known account for 15 minutes)."""

from django.test import Client
from django.urls import reverse

from fazhi.areas.testing import TEST_PASSWORD

STRANGER = "203.0.113.9"
HOLDER = "10.1.2.3"


def _login(client, password, address):
    return client.post(reverse("accounts:login"), {"username": "u_leader", "password": password}, REMOTE_ADDR=address)


def test_failures_from_one_address_lock_that_address_and_not_the_holders(world):
    stranger = Client()
    for _ in range(5):
        last = _login(stranger, "wrong-Pass1", STRANGER)
    assert "账号已锁定" in last.content.decode()
    assert "账号已锁定" in _login(stranger, TEST_PASSWORD, STRANGER).content.decode()
    holder = Client()
    assert _login(holder, TEST_PASSWORD, HOLDER).status_code == 302
    assert "_auth_user_id" in holder.session


def test_the_address_is_the_trusted_proxys_client_not_a_forged_header(world, settings):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    stranger = Client()
    for _ in range(5):
        # Behind the proxy, the stranger's own hop is the rightmost untrusted one, whatever it forges to its left.
        stranger.post(
            reverse("accounts:login"),
            {"username": "u_leader", "password": "wrong-Pass1"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{HOLDER}, {STRANGER}",
        )
    holder = Client()
    response = holder.post(
        reverse("accounts:login"),
        {"username": "u_leader", "password": TEST_PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=HOLDER,
    )
    assert response.status_code == 302
