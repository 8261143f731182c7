"""三员分立: an account holding 系统管理员, 安全管理员 or 审计管理员 holds no other admin role and no domain post.

GB/T 22239-2019 8.1.4.2 访问控制 d) and 8.1.5 安全管理中心. Enforced in areas.services.post_grant, the one path every
grant takes; earlier data is reported by a system check and `manage.py admin_duty_conflicts`, never stripped.
"""

import datetime
import io
import itertools
import threading

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.urls import reverse

from fazhi.accounts.roles import ADMIN_ROLES, Role
from fazhi.areas.models import Post
from fazhi.areas.services import member_create, post_end, post_grant
from fazhi.areas.testing import TEST_PASSWORD, build_world, make_user

ADMINS = sorted(ADMIN_ROLES)
DOMAIN = sorted(set(Role) - ADMIN_ROLES)
CONFLICTING_PAIRS = [
    *itertools.permutations(ADMINS, 2),
    *itertools.product(ADMINS, DOMAIN),
    *itertools.product(DOMAIN, ADMINS),
]


def _area_for(world, role):
    # Each role at a level it may sit at (areas.services.ROLE_LEVELS), all inside the security admin's county.
    return {
        Role.LEADER: world.township,
        Role.VILLAGE_CADRE: world.village,
        Role.GRID_MEMBER: world.grid,
        **dict.fromkeys([*ADMINS, Role.SUPERVISOR], world.county),
    }.get(role, world.township)


def _grant(world, user, role, **kwargs):
    return post_grant(actor=world.user(Role.SEC_ADMIN), user=user, role=role, area=_area_for(world, role), **kwargs)


@pytest.mark.parametrize(("first", "second"), CONFLICTING_PAIRS)
def test_an_admin_role_and_any_other_admin_role_or_domain_post_never_meet_in_one_account(world, first, second):
    user = make_user("target")
    held = _grant(world, user, first)

    with pytest.raises(ValidationError) as refused:
        _grant(world, user, second)

    message = " ".join(refused.value.messages)
    assert f"已担任“{Role(first).label}”" in message and f"不能再授予“{Role(second).label}”" in message
    assert list(user.posts.all()) == [held]


def test_a_domain_user_may_hold_several_domain_posts(world):
    user = make_user("busy")
    for role in (Role.GRID_MEMBER, Role.MEDIATOR, Role.VILLAGE_CADRE, Role.LEGAL_STAFF):
        _grant(world, user, role)
    assert sorted(user.posts.values_list("role", flat=True)) == sorted(
        [Role.GRID_MEMBER, Role.MEDIATOR, Role.VILLAGE_CADRE, Role.LEGAL_STAFF]
    )


def test_the_same_admin_duty_may_cover_a_second_area(world):
    user = make_user("two_counties")
    _grant(world, user, Role.AUDIT_ADMIN)
    post_grant(actor=None, user=user, role=Role.AUDIT_ADMIN, area=world.foreign_county)
    assert user.posts.count() == 2


def test_the_reported_attack_is_refused_the_security_admin_gets_no_domain_post_through_a_second_one(world):
    """The review's path: the security admin makes the audit admin a second security admin, or gives a domain
    user the audit role; a second security-admin account then gives the first a domain post."""
    sec = world.user(Role.SEC_ADMIN)
    with pytest.raises(ValidationError, match="审计管理员"):
        post_grant(actor=sec, user=world.user(Role.AUDIT_ADMIN), role=Role.SEC_ADMIN, area=world.county)
    with pytest.raises(ValidationError, match="网格员"):
        post_grant(actor=sec, user=world.user(Role.GRID_MEMBER), role=Role.AUDIT_ADMIN, area=world.county)
    accomplice = member_create(
        actor=sec,
        username="accomplice",
        display_name="另一安全管理员",
        unit="",
        password=TEST_PASSWORD,
        role=Role.SEC_ADMIN,
        area=world.county,
    ).user
    with pytest.raises(ValidationError, match="安全管理员"):
        post_grant(actor=accomplice, user=sec, role=Role.LEGAL_STAFF, area=world.township)
    assert not sec.has_perm("people.view")
    assert list(sec.posts.values_list("role", flat=True)) == [Role.SEC_ADMIN]


def test_a_post_that_has_ended_does_not_stand_in_the_way_but_a_backdated_or_future_one_does(world):
    former = make_user("former_grid_member")
    grid_post = _grant(world, former, Role.GRID_MEMBER, valid_from=datetime.date(2020, 1, 1))
    post_end(actor=world.user(Role.SEC_ADMIN), post=grid_post, on=datetime.date(2024, 1, 1))
    # Backdated into the years the grid post ran: refused.
    with pytest.raises(ValidationError, match="网格员"):
        _grant(world, former, Role.AUDIT_ADMIN, valid_from=datetime.date(2023, 6, 1))
    # From the day it ended: allowed.
    _grant(world, former, Role.AUDIT_ADMIN, valid_from=datetime.date(2024, 1, 1))

    upcoming = make_user("upcoming_admin")
    _grant(world, upcoming, Role.SYS_ADMIN, valid_from=datetime.date.today() + datetime.timedelta(days=30))
    with pytest.raises(ValidationError, match="系统管理员"):
        _grant(world, upcoming, Role.MEDIATOR)


def test_the_member_page_shows_the_refusal_and_saves_nothing(world, client):
    client.force_login(world.user(Role.SEC_ADMIN))
    target = world.user(Role.MEDIATOR)
    url = reverse("areas:member_detail", kwargs={"pk": target.pk})
    response = client.post(url, {"role": Role.AUDIT_ADMIN, "area": world.county.pk, "title": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "已担任“调解员”" in html and "不能再授予“审计管理员”" in html
    assert list(target.posts.values_list("role", flat=True)) == [Role.MEDIATOR]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between two connections: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_grants_at_once_cannot_both_pass():
    world = build_world()
    user = make_user("raced")
    first_inside = threading.Event()
    outcome = {}

    def grant_audit_role_and_hold_the_transaction():
        try:
            with transaction.atomic():
                _grant(world, user, Role.AUDIT_ADMIN)
                first_inside.set()
                threading.Event().wait(1.0)  # the other grant runs now; it must wait for this commit
        finally:
            connections.close_all()

    def grant_domain_post():
        first_inside.wait(5)
        try:
            _grant(world, user, Role.GRID_MEMBER)
            outcome["second"] = "granted"
        except ValidationError as exc:
            outcome["second"] = " ".join(exc.messages)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=grant_audit_role_and_hold_the_transaction),
        threading.Thread(target=grant_domain_post),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert "已担任“审计管理员”" in outcome["second"]
    assert list(Post.objects.filter(user=user).values_list("role", flat=True)) == [Role.AUDIT_ADMIN]


def _earlier_conflict(world):
    # Data from before the rule, written past the service as an old grant would have been.
    sec = world.user(Role.SEC_ADMIN)
    Post.objects.create(user=sec, role=Role.LEGAL_STAFF, area=world.township, valid_from=datetime.date(2021, 1, 1))
    return sec


def test_the_report_command_lists_earlier_conflicts_and_changes_nothing(world):
    out = io.StringIO()
    call_command("admin_duty_conflicts", stdout=out)
    assert "未发现" in out.getvalue()

    sec = _earlier_conflict(world)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 处违反三员分立"):
        call_command("admin_duty_conflicts", stdout=out)
    assert "账号“u_sec_admin”" in out.getvalue() and "“安全管理员”" in out.getvalue()
    assert "“法治工作人员”" in out.getvalue()
    assert sec.posts.count() == 2  # reported, not stripped


def test_the_database_check_warns_about_earlier_conflicts_and_not_about_ended_ones(world):
    assert not [m for m in run_checks(databases=["default"]) if m.id == "areas.W001"]
    sec = _earlier_conflict(world)
    warnings = [m for m in run_checks(databases=["default"]) if m.id == "areas.W001"]
    assert len(warnings) == 1 and "u_sec_admin" in warnings[0].msg
    # Start-up checks (no database asked for) do not touch the database.
    assert not [m for m in run_checks() if m.id == "areas.W001"]
    Post.objects.filter(user=sec, role=Role.LEGAL_STAFF).update(valid_to=datetime.date(2022, 1, 1))
    assert not [m for m in run_checks(databases=["default"]) if m.id == "areas.W001"]
