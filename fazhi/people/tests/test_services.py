import base64
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from fazhi.accounts.roles import Role
from fazhi.core.encryption import blind_index, decrypt
from fazhi.core.models import AuditEntry
from fazhi.people import selectors, services
from fazhi.people.models import Household, Resident, Reveal
from fazhi.people.tests.conftest import make_id


def _raw(resident, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM people_resident WHERE id = %s", [resident.pk])
        return cursor.fetchone()[0]


def test_id_number_and_phone_are_encrypted_at_rest_and_found_by_exact_value(seeded):
    number = make_id()
    r = services.resident_create(
        actor=seeded.user(Role.GRID_MEMBER), area=seeded.grid, name="张三", id_number=number, phone="13812345678"
    )
    assert number not in _raw(r, "id_number")
    assert "13812345678" not in _raw(r, "phone")
    assert number not in _raw(r, "id_number_hash")
    assert r.id_number_masked == "*" * 16 + number[-2:]
    assert r.phone_masked == "138****5678"
    assert Resident.objects.get(pk=r.pk).id_number == number
    user = seeded.user(Role.GRID_MEMBER)
    assert list(selectors.resident_list(user=user, filters={"q": number})) == [r]
    assert list(selectors.resident_list(user=user, filters={"q": "138 1234 5678"})) == [r]
    assert list(selectors.resident_list(user=user, filters={"q": "zs"})) == [r]
    assert list(selectors.resident_list(user=user, filters={"q": "zhang"})) == [r]
    assert list(selectors.resident_list(user=user, filters={"q": "ls"})) == []


def test_a_resident_with_several_tags_is_listed_once_whatever_the_filter(seeded):
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", tags=["veteran", "subsistence"])
    user = seeded.user(Role.GRID_MEMBER)
    for filters in ({}, {"tag": "veteran"}, {"tag": "subsistence", "q": "zs"}):
        assert list(selectors.resident_list(user=user, filters=filters)) == [r]
    assert selectors.resident_list(user=user, filters={"tag": "veteran"}).count() == 1


def test_birth_date_and_sex_are_derived_from_the_id_number(seeded):
    r = services.resident_create(actor=None, area=seeded.grid, name="李四", id_number=make_id("19851231", 124))
    assert (r.birth_date.isoformat(), r.birth_year, r.sex) == ("1985-12-31", 1985, "female")
    assert r.id_number_masked == "*" * 16 + r.id_number[-2:]


def test_the_birth_date_is_stored_encrypted_and_only_its_year_in_plaintext(seeded):
    r = services.resident_create(actor=None, area=seeded.grid, name="李四", id_number=make_id("19851231", 124))
    with connection.cursor() as cursor:
        cursor.execute("SELECT birth_date, birth_year, id_number_masked FROM people_resident WHERE id = %s", [r.pk])
        birth, year, masked = cursor.fetchone()
    assert birth.startswith("AES-GCM$") and "1985" not in birth and decrypt(birth) == "1985-12-31"
    assert (year, masked) == (1985, "*" * 16 + r.id_number[-2:])


def test_a_birth_date_without_an_id_number_is_kept_encrypted_with_its_year(seeded):
    r = services.resident_create(actor=None, area=seeded.grid, name="赵六", birth_date=datetime.date(1950, 3, 1))
    r.refresh_from_db()
    assert (r.birth_date, r.birth_year) == (datetime.date(1950, 3, 1), 1950)


def test_a_bad_or_future_birth_date_saves_nothing_and_says_why(seeded):
    with pytest.raises(ValidationError) as exc:
        services.resident_create(actor=None, area=seeded.grid, name="赵六", birth_date="1950-02-30")
    assert "日期格式不正确" in exc.value.message_dict["birth_date"][0]
    with pytest.raises(ValidationError) as exc:
        services.resident_create(actor=None, area=seeded.grid, name="赵六", birth_date=datetime.date(2999, 1, 1))
    assert "不能晚于今天" in exc.value.message_dict["birth_date"][0]
    assert Resident.objects.count() == 0


def test_a_bad_id_number_saves_nothing_and_says_why(seeded):
    with pytest.raises(ValidationError) as exc:
        services.resident_create(actor=None, area=seeded.grid, name="王五", id_number="500229900101123")
    assert "15位" in exc.value.message_dict["id_number"][0]
    assert Resident.objects.count() == 0


def test_the_same_id_number_cannot_be_registered_twice(seeded):
    services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=make_id())
    with pytest.raises(ValidationError) as exc:
        services.resident_create(actor=None, area=seeded.sibling_grid, name="张三", id_number=make_id())
    assert "已登记" in exc.value.message_dict["id_number"][0]


def test_unknown_tags_are_refused_and_known_ones_kept(seeded):
    with pytest.raises(ValidationError):
        services.resident_create(actor=None, area=seeded.grid, name="张三", tags=["nonsense"])
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", tags=["veteran", "legal_literate"])
    assert sorted(r.tags.values_list("code", flat=True)) == ["legal_literate", "veteran"]
    services.resident_update(actor=None, resident=r, tags=["veteran"])
    assert list(r.tags.values_list("code", flat=True)) == ["veteran"]


def test_residents_are_registered_at_grid_level_only(seeded):
    with pytest.raises(ValidationError):
        services.resident_create(actor=None, area=seeded.village, name="张三")


def test_a_grid_member_cannot_register_in_another_grid(seeded):
    with pytest.raises(PermissionDenied):
        services.resident_create(actor=seeded.user(Role.GRID_MEMBER), area=seeded.sibling_grid, name="张三")


def test_a_household_member_takes_the_household_grid(seeded):
    h = services.household_create(actor=None, area=seeded.grid, number="01-001", head_name="张三")
    r = services.resident_create(actor=None, household=h, name="张三")
    assert r.area == seeded.grid
    with pytest.raises(ValidationError):
        services.household_create(actor=None, area=seeded.grid, number="01-001", head_name="重复")
    assert Household.objects.count() == 1


def test_update_with_blank_secret_keeps_nothing_else_changes(seeded):
    number = make_id()
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=number)
    r = services.resident_update(actor=None, resident=r, name="张叁")
    r.refresh_from_db()
    assert (r.name, r.id_number, r.name_initials) == ("张叁", number, "zs")


def test_reveal_needs_a_reason_and_is_recorded_in_the_audit_trail(seeded):
    number = make_id()
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=number)
    member = seeded.user(Role.GRID_MEMBER)
    with pytest.raises(ValidationError):
        services.resident_reveal(actor=member, resident=r, field="id_number", reason="")
    assert Reveal.objects.count() == 0
    before = AuditEntry.objects.count()
    assert services.resident_reveal(actor=member, resident=r, field="id_number", reason="核实低保申请") == number
    reveal = Reveal.objects.get()
    assert (reveal.actor, reveal.reason, reveal.field) == (member, "核实低保申请", "id_number")
    assert AuditEntry.objects.count() > before
    assert not AuditEntry.objects.filter(changes_text__contains=number).exists()
    assert not AuditEntry.objects.filter(changes__icontains=number).exists()


def test_the_full_birth_date_is_revealed_only_with_a_reason_and_never_enters_the_audit_trail(seeded):
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=make_id("19900101", 123))
    member = seeded.user(Role.GRID_MEMBER)
    with pytest.raises(ValidationError) as exc:
        services.resident_reveal(actor=member, resident=r, field="birth_date", reason="查")
    assert "至少4个字" in exc.value.message_dict["reason"][0] and Reveal.objects.count() == 0
    with pytest.raises(ValidationError) as exc:
        services.resident_reveal(actor=member, resident=r, field="address", reason="核实年龄信息")
    assert "出生日期" in exc.value.message_dict["field"][0] and Reveal.objects.count() == 0
    assert services.resident_reveal(actor=member, resident=r, field="birth_date", reason="核实年龄信息") == "1990-01-01"
    assert Reveal.objects.get().field == "birth_date"
    assert AuditEntry.objects.filter(object_pk=str(r.pk), action=AuditEntry.Action.ACCESS).exists()
    assert not AuditEntry.objects.filter(changes_text__contains="1990-01-01").exists()
    assert not AuditEntry.objects.filter(changes__icontains="1990-01-01").exists()
    assert AuditEntry.objects.filter(changes__icontains="birth_year").exists()


def test_viewers_without_change_rights_cannot_reveal(seeded):
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=make_id())
    with pytest.raises(PermissionDenied):
        services.resident_reveal(actor=seeded.user(Role.LEADER), resident=r, field="id_number", reason="查看一下看看")


def test_key_rotation_re_encrypts_without_loss(seeded, settings):
    k_old = base64.b64encode(b"o" * 32).decode()
    k_new = base64.b64encode(b"n" * 32).decode()
    settings.FIELD_ENCRYPTION_KEYS = f"old:{k_old}"
    number = make_id()
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=number, phone="13812345678")
    assert _raw(r, "id_number").split("$")[1] == "old" and _raw(r, "birth_date").split("$")[1] == "old"
    settings.FIELD_ENCRYPTION_KEYS = f"new:{k_new},old:{k_old}"
    call_command("rotate_field_keys", "people.Resident", stdout=open("/dev/null", "w"))
    assert _raw(r, "id_number").split("$")[1] == "new"
    assert _raw(r, "phone").split("$")[1] == "new" and _raw(r, "birth_date").split("$")[1] == "new"
    settings.FIELD_ENCRYPTION_KEYS = f"new:{k_new}"
    fresh = Resident.objects.get(pk=r.pk)
    assert (fresh.id_number, fresh.phone, fresh.birth_date) == (number, "13812345678", datetime.date(1990, 1, 1))
    assert fresh.id_number_hash == blind_index(number)


def test_sm4_values_are_readable_after_switching_cipher(seeded, settings):
    settings.FIELD_ENCRYPTION_CIPHER = "SM4-GCM"
    number = make_id()
    r = services.resident_create(actor=None, area=seeded.grid, name="张三", id_number=number)
    assert _raw(r, "id_number").startswith("SM4-GCM$")
    settings.FIELD_ENCRYPTION_CIPHER = "AES-GCM"
    assert Resident.objects.get(pk=r.pk).id_number == number
