"""`manage.py create_security_admin`: the first 安全管理员 of an empty deployment; bad input leaves nothing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import Area, Level, Post
from fazhi.areas.testing import TEST_PASSWORD

COUNTY = ["--area-code", "500229000000", "--area-name", "城口县"]


def _run(*args) -> str:
    out = io.StringIO()
    call_command("create_security_admin", *args, stdout=out)
    return out.getvalue()


def test_on_an_empty_deployment_it_makes_the_top_area_and_a_security_admin_who_must_change_the_password(
    db, monkeypatch
):
    monkeypatch.setenv("FAZHI_ADMIN_PASSWORD", TEST_PASSWORD)
    output = _run("--username", "anquan", "--display-name", "张安全", *COUNTY)

    user = User.objects.get(username="anquan")
    assert user.must_change_password and user.check_password(TEST_PASSWORD)
    assert not user.is_superuser and not user.is_staff
    area = Area.objects.get(code="500229000000")
    assert area.parent is None and area.level == Level.COUNTY and area.name == "城口县"
    assert [(p.role, p.area) for p in user.posts.all()] == [(Role.SEC_ADMIN, area)]
    assert user.has_perm("accounts.change")
    assert "已创建安全管理员“anquan”" in output and TEST_PASSWORD not in output


def test_a_generated_password_is_printed_once_and_works(db, monkeypatch):
    monkeypatch.delenv("FAZHI_ADMIN_PASSWORD", raising=False)
    output = _run("--username", "anquan", "--generate-password", *COUNTY)

    lines = [line for line in output.splitlines() if line.startswith("初始密码")]
    assert len(lines) == 1
    password = lines[0].split("：", 1)[1]
    assert len(password) >= 16 and User.objects.get(username="anquan").check_password(password)


def test_an_existing_area_is_used_by_its_code(world, monkeypatch):
    Post.objects.filter(role=Role.SEC_ADMIN).update(valid_to="2020-06-01")  # the world's own one has left
    monkeypatch.setenv("FAZHI_ADMIN_PASSWORD", TEST_PASSWORD)
    _run("--username", "anquan", "--area-code", world.county.code)
    assert Post.objects.get(user__username="anquan").area == world.county


def test_it_refuses_once_a_security_admin_is_in_post(world, monkeypatch):
    monkeypatch.setenv("FAZHI_ADMIN_PASSWORD", TEST_PASSWORD)
    with pytest.raises(CommandError, match="已有安全管理员“u_sec_admin”"):
        _run("--username", "anquan", "--area-code", world.county.code)
    assert not User.objects.filter(username="anquan").exists()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--username", "anquan", *COUNTY], "abc", "密码"),  # too weak for the password policy
        (["--username", "anquan", "--area-code", "500229000000"], TEST_PASSWORD, "首次部署请同时给出区划名称"),
        (["--username", "anquan", "--area-code", "5002", "--area-name", "城口县"], TEST_PASSWORD, "12位"),
        (["--username", "", *COUNTY], TEST_PASSWORD, "用户名"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_leaves_nothing(db, monkeypatch, args, password, message):
    monkeypatch.setenv("FAZHI_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not User.objects.exists() and not Area.objects.exists() and not Post.objects.exists()


def test_without_a_password_source_it_stops_and_says_how_to_give_one(db, monkeypatch):
    monkeypatch.delenv("FAZHI_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no prompt possible
    with pytest.raises(CommandError, match="FAZHI_ADMIN_PASSWORD"):
        _run("--username", "anquan", *COUNTY)
    assert not User.objects.exists()
