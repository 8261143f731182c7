import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.services import member_create, post_grant
from fazhi.areas.testing import TEST_PASSWORD, make_user


def test_three_admin_duties_are_separated(world):
    sys_admin, sec_admin, audit_admin = (world.user(r) for r in (Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN))
    assert sys_admin.has_perm("system.change")
    assert not sys_admin.has_perm("audit.view") and not sys_admin.has_perm("accounts.change")
    assert sec_admin.has_perm("accounts.change")
    assert not sec_admin.has_perm("audit.view") and not sec_admin.has_perm("system.change")
    assert audit_admin.has_perm("audit.view")
    assert not audit_admin.has_perm("accounts.view") and not audit_admin.has_perm("system.view")
    for admin in (sys_admin, sec_admin, audit_admin):
        assert not admin.has_perm("people.view"), admin


def test_only_the_security_admin_grants_posts(world):
    target = make_user("newbie")
    with pytest.raises(PermissionDenied):
        post_grant(actor=world.user(Role.SYS_ADMIN), user=target, role=Role.GRID_MEMBER, area=world.grid)
    post = post_grant(actor=world.user(Role.SEC_ADMIN), user=target, role=Role.GRID_MEMBER, area=world.grid)
    assert post.area == world.grid


def test_security_admin_cannot_grant_themselves(world):
    sec_admin = world.user(Role.SEC_ADMIN)
    with pytest.raises(PermissionDenied, match="不能给自己授予岗位"):
        post_grant(actor=sec_admin, user=sec_admin, role=Role.AUDIT_ADMIN, area=world.county)


def test_roles_sit_at_their_level(world):
    target = make_user("misplaced")
    with pytest.raises(ValidationError, match="网格员"):
        post_grant(actor=world.user(Role.SEC_ADMIN), user=target, role=Role.GRID_MEMBER, area=world.township)
    with pytest.raises(ValidationError, match="督察员"):
        post_grant(actor=world.user(Role.SEC_ADMIN), user=target, role=Role.SUPERVISOR, area=world.township)
    assert not target.posts.exists()


def test_superuser_flag_cannot_be_set(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="root", is_superuser=True)


def test_member_creation_is_all_or_nothing(world):
    sec = world.user(Role.SEC_ADMIN)
    with pytest.raises(ValidationError):
        member_create(
            actor=sec,
            username="weak",
            display_name="弱密码",
            unit="",
            password="abc",
            role=Role.GRID_MEMBER,
            area=world.grid,
        )
    with pytest.raises(ValidationError):
        member_create(
            actor=sec,
            username="badlevel",
            display_name="错层",
            unit="",
            password=TEST_PASSWORD,
            role=Role.GRID_MEMBER,
            area=world.township,
        )
    assert not User.objects.filter(username__in=["weak", "badlevel"]).exists()
    post = member_create(
        actor=sec,
        username="good",
        display_name="新网格员",
        unit="",
        password=TEST_PASSWORD,
        role=Role.GRID_MEMBER,
        area=world.grid,
    )
    assert post.user.must_change_password
