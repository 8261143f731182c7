"""集成账号: made by the security admin (page and command), the token shown once and kept as a digest, every call
audited as the account, rate-limited, and refused once revoked."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from fazhi.accounts.roles import Role
from fazhi.accounts.service_accounts import ServiceAccount, token_digest
from fazhi.areas.models import Level
from fazhi.areas.service_accounts import service_account_create, service_account_revoke
from fazhi.areas.testing import make_area
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.models import AuditEntry
from fazhi.grid.models import Matter

MATTERS = "/api/v1/grid/matters/"


@pytest.fixture
def mingtong_grid(world):
    """The hotline's work orders land in 明通镇, not the demo's township."""
    village = make_area(world.other_township, Level.VILLAGE, "东安村", "500229104201")
    return make_area(village, Level.GRID, "东安村第1网格", grid_number=1)


@pytest.fixture
def hotline(world, mingtong_grid):
    dictionary_seed()
    return service_account_create(
        actor=world.user(Role.SEC_ADMIN),
        username="hotline-12345",
        display_name="12345热线",
        purpose="热线推送工单",
        role=Role.GRID_ADMIN,
        area=world.other_township,
    )


def _api(token: str) -> Client:
    # CSRF enforced as in production: a token caller has no session, so it needs no CSRF token.
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})


def _work_order(area) -> dict:
    return {"area": area.pk, "category": "dispute", "description": "12345工单：噪音扰民", "source": "phone"}


def test_the_security_admin_makes_one_on_the_page_and_sees_the_token_once(client, world):
    client.force_login(world.user(Role.SEC_ADMIN))
    data = {"username": "county-platform", "display_name": "县级平台", "purpose": "读取统计数据",
            "role": Role.SUPERVISOR, "area": world.county.pk, "rate_per_minute": 30}  # fmt: skip
    response = client.post("/members/service-accounts/new/", data)
    assert response.status_code == 200
    token = response.context["token"]
    assert token in response.content.decode()
    account = ServiceAccount.objects.get(user__username="county-platform")
    # Only the digest is kept: neither the account's row nor the audit trail holds the token.
    assert account.token_hash == token_digest(token) and token not in account.token_hash
    assert not AuditEntry.objects.filter(changes_text__contains=token).exists()
    assert "token_hash" not in str(AuditEntry.objects.filter(object_repr__contains="county").values("changes"))
    listing = client.get("/members/service-accounts/").content.decode()
    assert account.token_hint in listing and token not in listing
    assert not account.user.has_usable_password()
    assert _api(token).get("/api/v1/me/").json()["posts"][0]["area"] == world.county.pk


def test_an_admin_duty_cannot_go_to_a_program(world):
    with pytest.raises(ValidationError) as exc:
        service_account_create(actor=world.user(Role.SEC_ADMIN), username="robot", display_name="机器人",
                               purpose="测试", role=Role.SEC_ADMIN, area=world.county)  # fmt: skip
    assert "不能担任系统、安全或审计管理员" in exc.value.message_dict["role"][0]
    assert not ServiceAccount.objects.exists()


def test_only_the_security_admin_makes_them(client, world):
    client.force_login(world.user(Role.LEGAL_STAFF))
    assert client.get("/members/service-accounts/new/").status_code == 403
    assert client.post("/members/service-accounts/new/", {"username": "x"}).status_code == 403


def test_a_hotline_token_registers_a_work_order_as_a_matter_audited_as_the_hotline(world, hotline, mingtong_grid):
    account, token = hotline
    response = _api(token).post(MATTERS, _work_order(mingtong_grid), content_type="application/json")
    assert response.status_code == 201, response.content
    matter = Matter.objects.get(pk=response.json()["id"])
    assert matter.number and matter.due_date  # set by matter_create, as for a matter entered on the page
    matters = ContentType.objects.get_for_model(Matter)
    created = AuditEntry.objects.get(content_type=matters, object_pk=str(matter.pk), action=AuditEntry.Action.CREATE)
    assert created.actor == account.user
    calls = AuditEntry.objects.filter(actor=account.user, action=AuditEntry.Action.ACCESS)
    assert list(calls.values_list("additional_data", flat=True)) == [{"method": "POST", "path": MATTERS}]
    account.refresh_from_db()
    assert account.last_used_at is not None


def test_the_token_reaches_only_the_accounts_post(world, hotline):
    _account, token = hotline
    response = _api(token).post(MATTERS, _work_order(world.grid), content_type="application/json")
    assert response.status_code == 400 and "管辖范围" in response.content.decode()
    assert _api(token).post("/api/v1/training/sessions/", {}, content_type="application/json").status_code == 403
    assert not Matter.objects.exists()


def test_a_revoked_or_wrong_token_is_refused(client, world, hotline, mingtong_grid):
    account, token = hotline
    client.force_login(world.user(Role.SEC_ADMIN))
    assert client.post(f"/members/service-accounts/{account.pk}/revoke/").status_code == 302
    for bad in (token, token[:-2] + "xx"):
        response = _api(bad).post(MATTERS, _work_order(mingtong_grid), content_type="application/json")
        assert response.status_code in (401, 403) and "令牌无效或已吊销" in response.content.decode()
    assert not Matter.objects.exists()
    account.refresh_from_db()
    assert account.is_revoked and not account.user.is_active and not account.user.posts.active().exists()
    with pytest.raises(ValidationError):
        service_account_revoke(actor=world.user(Role.SEC_ADMIN), account=account)


def test_calls_over_the_accounts_rate_are_refused(world, hotline):
    account, token = hotline
    ServiceAccount.objects.filter(pk=account.pk).update(rate_per_minute=2)
    api = _api(token)
    statuses = [api.get("/api/v1/me/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_command_makes_and_revokes_as_the_security_admin(world):
    out = io.StringIO()
    call_command("service_account", "create", by="u_sec_admin", username="grid-platform", name="网格平台",
                 purpose="同步走访", role=Role.GRID_ADMIN, area=world.other_township.code, stdout=out)  # fmt: skip
    token = out.getvalue().strip().splitlines()[-1]
    account = ServiceAccount.objects.get(user__username="grid-platform")
    assert account.token_hash == token_digest(token) and account.created_by == world.user(Role.SEC_ADMIN)
    with pytest.raises(CommandError, match="不是在岗的安全管理员"):
        call_command("service_account", "revoke", by="u_legal_staff", username="grid-platform")
    call_command("service_account", "revoke", by="u_sec_admin", username="grid-platform", stdout=io.StringIO())
    assert ServiceAccount.objects.get(pk=account.pk).is_revoked
