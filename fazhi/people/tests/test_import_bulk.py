"""The fast paths of the resident import: cached pinyin, one-shot encryption, the streaming single-pass import with
its executemany INSERT — each must store exactly what the plain path stores, in queries per batch, not per row."""

import base64
import io

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from pypinyin import Style, lazy_pinyin

from fazhi.accounts.roles import Role
from fazhi.core import encryption
from fazhi.core.encryption import blind_index, decrypt, encrypt, mask_id_number, mask_phone
from fazhi.people import io as people_io
from fazhi.people import services
from fazhi.people.io import COLUMNS, SHEET
from fazhi.people.models import Household, Resident, ResidentTag
from fazhi.people.tests.conftest import make_id
from fazhi.people.validation import pinyin_keys


def _reference_pinyin_keys(name: str) -> tuple[str, str]:
    """pinyin_keys as it was before the cache: pypinyin over the whole name."""
    full = "".join(lazy_pinyin(name, errors="ignore")).lower()
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()
    return full[:200], initials[:50]


NAMES = [
    "张三", "重庆", "重 庆", "重庆人", "长大成人", "单雄信", "曾国藩", "解放", "乐乐", "朝阳", "a张b三", "Ｘ张三",
    "居民123", "〇", "𠀀", "张三·李四", "Zhang 三", "", "   ", "123", "吕布", "女", "嗯", "呣", "张" * 120,
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_cached_pinyin_keys_return_what_pypinyin_returns_for_the_whole_name(name):
    assert pinyin_keys(name) == _reference_pinyin_keys(name)
    assert pinyin_keys(name) == _reference_pinyin_keys(name)  # and again from the cache


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="重庆长大成人单雄信曾国藩解放乐朝阳行银张三李四王五吕女 ·-aZ1２Ｘ〇", max_size=12))
def test_cached_pinyin_keys_match_pypinyin_on_any_mix_of_characters(name):
    assert pinyin_keys(name) == _reference_pinyin_keys(name)


def test_aes_gcm_values_are_the_bytes_the_streaming_cipher_writes_and_still_decrypt(monkeypatch, settings):
    settings.FIELD_ENCRYPTION_CIPHER = "AES-GCM"
    nonce = bytes(range(12))
    monkeypatch.setattr(encryption.os, "urandom", lambda n: nonce[:n])
    token = encrypt("50022919900101123X")
    ring = encryption.keyring()
    enc = Cipher(algorithms.AES(ring.keys[ring.current]), modes.GCM(nonce)).encryptor()
    enc.authenticate_additional_data(f"AES-GCM${ring.current}".encode())
    body = enc.update(b"50022919900101123X") + enc.finalize()
    assert token == f"AES-GCM${ring.current}${base64.b64encode(nonce + body + enc.tag).decode()}"
    assert decrypt(token) == "50022919900101123X"


def test_sm4_values_still_round_trip(settings):
    settings.FIELD_ENCRYPTION_CIPHER = "SM4-GCM"
    token = encrypt("13812345678")
    assert token.startswith("SM4-GCM$") and decrypt(token) == "13812345678"


# --- the import ------------------------------------------------------------------------------------------------


@pytest.fixture
def member(seeded):
    return seeded.user(Role.GRID_MEMBER)


def _content(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _row(grid, number, *, name="张三", household="01-001", phone="13812345678", address="新红村1组", tags=""):
    return [grid.name, household, "张大", name, number, phone, address, "常住", tags]


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM people_resident WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_an_import_with_repeated_names_and_an_existing_resident_stores_what_the_services_store(seeded, member):
    existing = services.resident_create(
        actor=None, area=seeded.grid, name="旧名", id_number=make_id("19700101", 201), phone="13900001111",
        address="老地址",
    )  # fmt: skip
    numbers = [make_id("19800101", i) for i in range(1, 7)]
    rows = [
        _row(seeded.grid, n, name="重庆" if i % 2 else "张伟", household=f"01-{i // 2:03d}", tags="退役军人、低保对象")
        for i, n in enumerate(numbers)
    ]
    rows[1][5] = ""  # no phone
    rows.append(_row(seeded.grid, existing_number := make_id("19700101", 201), name="新名", phone="", address=""))
    created, updated, total = people_io.import_file(actor=member, content=_content(rows))
    assert (created, updated, total) == (6, 1, 7)

    for i, number in enumerate(numbers):
        res = Resident.objects.get(id_number_hash=blind_index(number))
        # The values services._apply derives for the same input, and Resident's defaults for the rest.
        expected_name = "重庆" if i % 2 else "张伟"
        assert (res.name, (res.name_pinyin, res.name_initials)) == (expected_name, pinyin_keys(expected_name))
        assert res.name_pinyin == ("chongqing" if i % 2 else "zhangwei")
        assert res.id_number == number and res.id_number_masked == mask_id_number(number)
        assert _raw("id_number", res.pk).startswith("AES-GCM$") and decrypt(_raw("id_number", res.pk)) == number
        phone = "" if i == 1 else "13812345678"
        assert (res.phone, res.phone_hash, res.phone_masked) == (phone, blind_index(phone), mask_phone(phone))
        assert _raw("phone", res.pk) == "" if i == 1 else decrypt(_raw("phone", res.pk)) == phone
        assert (res.birth_date.isoformat(), res.birth_year) == ("1980-01-01", 1980) and res.sex in {"male", "female"}
        assert decrypt(_raw("birth_date", res.pk)) == "1980-01-01"  # only the year is plaintext
        assert (res.address, res.status, res.note) == ("新红村1组", "resident", "")
        assert res.created_at and res.updated_at and res.area_id == seeded.grid.pk
        assert res.household.number == f"01-{i // 2:03d}" and res.household.head_name == "张大"
        assert sorted(res.tags.values_list("code", flat=True)) == sorted(["veteran", "subsistence"])
    assert Household.objects.count() == 3
    assert Resident.objects.filter(name="张伟").count() == 3

    existing.refresh_from_db()
    assert existing.name == "新名" and existing.name_pinyin == "xinming"
    # An empty 联系电话 or 住址 in the file keeps what was registered.
    assert (existing.phone, existing.phone_hash, existing.address) == (
        "13900001111",
        blind_index("13900001111"),
        "老地址",
    )
    assert existing.id_number == existing_number

    # Re-importing the same file updates by 身份证号: nothing new, no duplicate tags.
    assert people_io.import_file(actor=member, content=_content(rows))[:2] == (0, 7)
    assert Resident.objects.count() == 7 and ResidentTag.objects.count() == 12


def _count_queries(member, grid, rows: int, first: int) -> int:
    content = _content(
        [
            _row(grid, make_id("19600101", first + i), household=f"Q{(first + i) // 3:03d}", tags="退役军人")
            for i in range(rows)
        ]
    )
    with CaptureQueriesContext(connection) as queries:
        assert people_io.import_file(actor=member, content=content)[0] == rows
    return len(queries)


def test_the_import_runs_a_fixed_number_of_queries_per_batch_not_per_row(seeded, member, monkeypatch):
    _count_queries(member, seeded.grid, 1, 1)  # warm the caches that load once per process (dictionaries)
    one_batch = _count_queries(member, seeded.grid, 10, 100)
    assert one_batch == _count_queries(member, seeded.grid, 20, 200)  # still one batch
    monkeypatch.setattr(people_io, "BATCH", 10)
    two = _count_queries(member, seeded.grid, 20, 300)
    four = _count_queries(member, seeded.grid, 40, 400)
    per_batch = two - one_batch
    assert 0 < per_batch <= 8 and four - two == 2 * per_batch


def test_a_bad_row_in_a_later_batch_rolls_back_the_earlier_batches(seeded, member, monkeypatch):
    monkeypatch.setattr(people_io, "BATCH", 2)
    rows = [_row(seeded.grid, make_id("19600101", i), name=f"居民{i}", household="") for i in range(1, 6)]
    rows.append(_row(seeded.grid, "123", name="坏行"))
    rows.append(_row(seeded.grid, make_id("19600101", 9), name="居民9", phone="12"))
    with pytest.raises(ValidationError) as exc:
        people_io.import_file(actor=member, content=_content(rows))
    assert exc.value.messages == ["文件校验未通过（共2处错误），未导入任何数据。"]
    assert Resident.objects.count() == 0


def test_validation_errors_are_reported_before_a_scope_error_found_while_writing(seeded, member, monkeypatch):
    monkeypatch.setattr(people_io, "BATCH", 1)
    outside = services.resident_create(actor=None, area=seeded.sibling_grid, name="外格", id_number=make_id(seq=301))
    rows = [_row(seeded.grid, outside.id_number), _row(seeded.grid, make_id(seq=302)), _row(seeded.grid, "1")]
    with pytest.raises(ValidationError) as exc:
        people_io.import_file(actor=member, content=_content(rows))
    assert exc.value.messages == ["文件校验未通过（共1处错误），未导入任何数据。"]
    with pytest.raises(ValidationError, match="管辖范围以外"):
        people_io.import_file(actor=member, content=_content(rows[:2]))
    assert Resident.objects.count() == 1


def test_the_dry_run_check_reports_the_same_errors_and_count_as_parse(seeded, member):
    content = _content([_row(seeded.grid, make_id(seq=1)), _row(seeded.grid, "1"), _row(seeded.grid, make_id(seq=1))])
    good, errors, total = people_io.parse(user=member, content=content)
    assert people_io.check(user=member, content=content) == (errors, total)
    assert (len(good), total, [(e.row, e.column) for e in errors]) == (1, 3, [(3, "身份证号"), (4, "身份证号")])
