import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_choices, dictionary_entry_save, dictionary_seed
from fazhi.core.models import CalendarDay, DeadlineRule, DictionaryEntry
from fazhi.core.registry import register_dictionary, registry


@pytest.fixture
def test_dictionary():
    register_dictionary("test_kind", "测试类别", [("a", "甲"), ("b", "乙")])
    yield "test_kind"
    registry.dictionaries.pop("test_kind", None)


def test_not_found_and_forbidden_pages_speak_chinese(world, client):
    client.force_login(world.user(Role.GRID_MEMBER))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    forbidden = client.get(reverse("core:audit_list"))
    assert forbidden.status_code == 403 and "无权访问" in forbidden.content.decode()


def test_chinese_is_the_default_whatever_the_browser_asks(world, client):
    client.force_login(world.user(Role.GRID_MEMBER))
    body = client.get(reverse("core:workbench"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in body and "工作台" in body


def test_english_can_be_chosen(world, client):
    client.force_login(world.user(Role.GRID_MEMBER))
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(reverse("core:workbench")).content.decode()
    assert '<html lang="en">' in body


def test_dictionary_seed_is_idempotent_and_keeps_admin_edits(db, test_dictionary):
    dictionary_seed()
    assert DictionaryEntry.objects.filter(category="test_kind").count() == 2
    dictionary_entry_save(actor=None, category="test_kind", code="a", label="甲（改）")
    assert dictionary_seed() == 0
    assert dictionary_choices("test_kind") == [("a", "甲（改）"), ("b", "乙")]


def test_dictionary_refuses_unknown_category(db):
    with pytest.raises(ValidationError, match="未知的字典类别"):
        dictionary_entry_save(actor=None, category="nope", code="x", label="x")
    assert not DictionaryEntry.objects.filter(category="nope").exists()


def test_system_admin_extends_a_dictionary_in_the_browser(world, client, test_dictionary):
    client.force_login(world.user(Role.SYS_ADMIN))
    response = client.post(
        reverse("core:dictionary_list"),
        {"category": "test_kind", "code": "c", "label": "丙", "sort_order": 3, "is_active": "on"},
    )
    assert response.status_code == 302
    assert ("c", "丙") in dictionary_choices("test_kind")


def test_system_admin_enters_a_holiday_and_bad_dates_are_refused(world, client):
    client.force_login(world.user(Role.SYS_ADMIN))
    ok = client.post(reverse("core:calendar_list"), {"date": "2031-10-01", "is_workday": "", "name": "国庆节"})
    assert ok.status_code == 302
    assert CalendarDay.objects.get(date=datetime.date(2031, 10, 1)).source == CalendarDay.Source.MANUAL
    bad = client.post(reverse("core:calendar_list"), {"date": "2031-02-30", "name": "无此日"})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    assert not CalendarDay.objects.filter(name="无此日").exists()
    client.post(reverse("core:calendar_day_clear", args=["2031-10-01"]))
    assert not CalendarDay.objects.filter(date=datetime.date(2031, 10, 1)).exists()


def test_revising_a_deadline_rule_through_the_page(world, client):
    DeadlineRule.objects.create(
        key="x.period",
        label="测试期限",
        days=15,
        unit="natural",
        source="某条例 第一条",
        valid_from=datetime.date(2000, 1, 1),
    )
    client.force_login(world.user(Role.SYS_ADMIN))
    response = client.post(
        reverse("core:deadline_rule_list"),
        {"key": "x.period", "days": 10, "unit": "working", "source": "本地规定", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 302
    assert list(DeadlineRule.objects.filter(key="x.period").values_list("version", "days")) == [(2, 10), (1, 15)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-specific configuration")
def test_sqlite_waits_for_writers_instead_of_failing(db, settings):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


def test_the_audit_page_shows_a_change_to_a_field_named_items(world, client):
    # A change named "items" once made the page fail (a template's `changes_dict.items` looked the name up instead
    # of listing the pairs).
    from fazhi.core.models import AuditEntry

    area = world.grid
    changes = {"items": ["旧条目", "新条目"], "level": ["4", "5"], "name": ["旧名", "新名"]}
    changes["children"] = ["areas.Area.None", "areas.Area.None"]  # a reverse relation auditlog lists: no change
    AuditEntry.objects.log_create(area, action=AuditEntry.Action.UPDATE, changes=changes)
    client.force_login(world.user(Role.AUDIT_ADMIN))
    page = client.get(reverse("core:audit_list"))
    text = page.content.decode()
    assert page.status_code == 200 and "旧条目" in text and "新条目" in text
    # fields by their Chinese names and choices by their labels, as the record's own pages show them
    assert "层级</strong>：村/社区 → 网格" in text and "名称</strong>：旧名 → 新名" in text
    assert "areas.Area.None" not in text
