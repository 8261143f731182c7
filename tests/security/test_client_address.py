"""The client address of audit entries, login records and rate limits cannot be written by the client
(security review, medium): X-Forwarded-For counts only as far as a trusted proxy wrote it."""

import io

import pytest
from axes.models import AccessFailureLog
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.addresses import client_ip
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.models import AuditEntry
from fazhi.portal.models import PublicRequest

CLIENT = "203.0.113.9"  # an untrusted client
PROXY = "10.0.0.2"  # the reverse proxy
SPOOFED = "198.51.100.66"


def _ip(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.FAZHI_TRUSTED_PROXIES = []
    assert _ip(CLIENT, SPOOFED) == CLIENT
    assert _ip(PROXY, SPOOFED) == PROXY


def test_a_client_that_is_not_a_trusted_proxy_cannot_name_another_address(settings):
    settings.FAZHI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert _ip(CLIENT, SPOOFED) == CLIENT
    assert _ip(CLIENT, f"{SPOOFED}, 10.0.0.5") == CLIENT


def test_behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.FAZHI_TRUSTED_PROXIES = "10.0.0.0/8, 192.0.2.1"
    assert _ip(PROXY, CLIENT) == CLIENT
    # The client put SPOOFED in the header itself; our proxies appended CLIENT and 192.0.2.1.
    assert _ip(PROXY, f"{SPOOFED}, {CLIENT}, 192.0.2.1") == CLIENT
    assert _ip(PROXY, f"{CLIENT}:4711") == CLIENT
    assert _ip(PROXY, "[2001:db8::7]:443") == "2001:db8::7"
    assert _ip(PROXY, f"{SPOOFED}, not-an-address") == PROXY  # nothing left of a bad hop is believed
    assert _ip(PROXY, "") == PROXY
    assert _ip(PROXY, "10.0.0.9") == "10.0.0.9"  # proxies all the way: the farthest one


def test_a_bad_trusted_proxy_setting_is_a_configuration_error(settings):
    settings.FAZHI_TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.example"]
    with pytest.raises(ImproperlyConfigured):
        _ip(PROXY, CLIENT)


@pytest.fixture
def staff(world, client):
    dictionary_seed()
    call_command("setup_platform", stdout=io.StringIO())
    client.force_login(world.user(Role.GRID_MEMBER))
    return world


@pytest.mark.parametrize(
    ("proxies", "remote", "expected"),
    [([], CLIENT, CLIENT), (["10.0.0.0/8"], CLIENT, CLIENT), (["10.0.0.0/8"], PROXY, SPOOFED)],
)
def test_audit_entries_take_the_address_from_the_same_rule(staff, client, settings, proxies, remote, expected):
    settings.FAZHI_TRUSTED_PROXIES = proxies
    client.get(
        reverse("grid:matter_export"), REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=SPOOFED, HTTP_X_FORWARDED_PORT="9"
    )
    entry = AuditEntry.objects.get(object_repr="export:matters")
    assert entry.remote_addr == expected
    assert entry.remote_port == (9 if remote == PROXY else None)


def test_login_records_ignore_a_spoofed_header(world, client, settings):
    settings.FAZHI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    data = {"username": "u_leader", "password": "wrong-Pass1"}
    client.post(reverse("accounts:login"), data, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=SPOOFED)
    client.post(reverse("accounts:login"), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{SPOOFED}, {CLIENT}")
    assert list(AccessFailureLog.objects.values_list("ip_address", flat=True).order_by("id")) == [CLIENT, CLIENT]


def test_a_client_cannot_escape_the_rate_limit_by_changing_the_header(world, client, settings):
    pytest.importorskip("fazhi.grid.choices")
    settings.FAZHI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    cache.clear()
    data = {"kind": "matter", "area": world.village.pk, "description": "村口的桥栏杆断了，孩子上学很危险。",
            "contact_name": "王五", "phone": "13912345678", "website": ""}  # fmt: skip
    for i in range(10):
        response = client.post(reverse("portal:submit"), data, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=f"1.1.1.{i}")
        assert response.status_code == 302
    response = client.post(reverse("portal:submit"), data, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR="1.1.1.99")
    assert response.status_code == 429
    # Behind the trusted proxy each resident has their own count, not one shared by everyone behind the proxy.
    for _i in range(10):
        response = client.post(reverse("portal:submit"), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1")
        assert response.status_code == 302
    response = client.post(reverse("portal:submit"), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert response.status_code == 429
    response = client.post(reverse("portal:submit"), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.2")
    assert response.status_code == 302
    assert PublicRequest.objects.count() == 21
    cache.clear()
