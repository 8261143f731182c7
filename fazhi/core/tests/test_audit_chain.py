import datetime
import itertools
import threading

import pytest
from auditlog.context import set_actor
from cryptography.hazmat.primitives import hashes
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.models import PROTECT

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.core.audit import GENESIS_HASH, AuditImmutableError, compute_hash, verify_chain
from fazhi.core.models import AuditChainHead, AuditEntry, CalendarDay, DictionaryEntry

pytestmark = pytest.mark.django_db


def _make_entries(n: int, start: int = 0) -> list[AuditEntry]:
    for i in range(start, start + n):
        DictionaryEntry.objects.create(category="test_chain", code=f"c{i}", label=f"项目{i}")
    return list(AuditEntry.objects.order_by("seq"))


def _raw(sql: str, params: list) -> None:
    # Tampering straight in the database, as an intruder with DB access would (bypassing the ORM refusals).
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{t}", table), params)


def test_sm3_is_the_national_standard_hash():
    # GB/T 32905-2016 附录A 示例1: SM3("abc").
    digest = hashes.Hash(hashes.SM3())
    digest.update(b"abc")
    assert digest.finalize().hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_every_new_entry_links_to_the_previous_one_with_sm3():
    entries = _make_entries(5)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    for prev, entry in itertools.pairwise(entries):
        assert entry.prev_hash == prev.entry_hash
    assert all(e.hash_algorithm == "SM3" and len(e.entry_hash) == 64 for e in entries)
    assert all(compute_hash(e) == e.entry_hash for e in entries)
    head = AuditChainHead.objects.get()
    assert (head.seq, head.last_hash) == (5, entries[-1].entry_hash)
    report = verify_chain()
    assert report.ok and report.checked == 5


def test_sha256_is_selectable_and_a_mixed_chain_still_verifies(settings, capsys):
    _make_entries(2)
    settings.AUDIT_HASH_ALGORITHM = "SHA256"
    entries = _make_entries(2, start=2)
    assert [e.hash_algorithm for e in entries] == ["SM3", "SM3", "SHA256", "SHA256"]
    assert compute_hash(entries[3]) == compute_hash(entries[3], "SHA256") != compute_hash(entries[3], "SM3")
    call_command("audit_verify")
    assert "共 4 条记录" in capsys.readouterr().out


def test_actor_and_address_set_by_the_request_context_are_covered_by_the_hash(world):
    sec = world.user(Role.SEC_ADMIN)
    with set_actor(sec, remote_addr="10.1.2.3"):
        DictionaryEntry.objects.create(category="test_chain", code="x", label="经办")
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.actor == sec and entry.remote_addr == "10.1.2.3"
    assert verify_chain().ok
    # Rewriting who did it is detected.
    _raw("UPDATE {t} SET actor_id = %s WHERE id = %s", [world.user(Role.AUDIT_ADMIN).pk, entry.pk])
    report = verify_chain()
    assert not report.ok and report.broken.entry_id == entry.pk and "记录被修改" in report.broken.reason


def test_audit_verify_names_the_first_edited_entry():
    entries = _make_entries(6)
    _raw("UPDATE {t} SET object_repr = %s WHERE id = %s", ["篡改", entries[2].pk])
    _raw("UPDATE {t} SET object_repr = %s WHERE id = %s", ["篡改", entries[4].pk])
    with pytest.raises(CommandError) as exc:
        call_command("audit_verify")
    message = str(exc.value)
    assert f"第 3 条（id={entries[2].pk}）" in message and "记录被修改" in message and "此前 2 条完好" in message


def test_audit_verify_names_the_entry_after_a_deleted_one():
    entries = _make_entries(5)
    _raw("DELETE FROM {t} WHERE id = %s", [entries[1].pk])
    report = verify_chain()
    assert report.broken.entry_id == entries[2].pk and "序号不连续" in report.broken.reason


def test_a_rehashed_forgery_is_caught_by_the_next_link():
    entries = _make_entries(4)
    forged = AuditEntry.objects.get(pk=entries[1].pk)
    forged.object_repr = "伪造"
    new_hash = compute_hash(forged)
    _raw("UPDATE {t} SET object_repr = %s, entry_hash = %s WHERE id = %s", ["伪造", new_hash, forged.pk])
    report = verify_chain()
    assert report.broken.entry_id == entries[2].pk and "前序哈希" in report.broken.reason


def test_entries_removed_from_the_end_are_caught_by_the_head():
    entries = _make_entries(4)
    _raw("DELETE FROM {t} WHERE id = %s", [entries[3].pk])
    report = verify_chain()
    assert not report.ok and "链头为第 4 条，实际只有 3 条" in report.broken.reason


def test_the_orm_refuses_to_edit_or_delete_entries(world):
    _make_entries(3)
    entry = AuditEntry.objects.order_by("seq").first()
    entry.object_repr = "改"
    with pytest.raises(AuditImmutableError, match="只能追加"):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.save(update_fields=["object_repr"])
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="改")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.bulk_update([entry], ["object_repr"])
    with pytest.raises(AuditImmutableError, match="逐条写入"):
        AuditEntry.objects.bulk_create([AuditEntry(content_type_id=entry.content_type_id, object_pk="1", action=0)])
    assert AuditEntry.objects.get(pk=entry.pk).object_repr != "改"
    assert verify_chain().ok


def test_deleting_an_actor_or_the_audited_object_keeps_the_trail_intact(world):
    actor = make_user("temp_actor", role=Role.GRID_MEMBER, area=world.grid)
    with set_actor(actor):
        day = CalendarDay.objects.create(date=datetime.date(2030, 1, 2), is_workday=False, name="测试")
    # Deleting a user who acted is refused (PROTECT) rather than blanking the actor of their entries.
    assert AuditEntry._meta.get_field("actor").remote_field.on_delete is PROTECT
    assert AuditEntry._meta.get_field("content_type").remote_field.on_delete is PROTECT
    pk = day.pk
    day.delete()  # the record goes; its audit entries (create + delete) stay and the chain still verifies
    assert AuditEntry.objects.get_for_model(CalendarDay).filter(object_pk=str(pk)).count() == 2
    assert verify_chain().ok


def test_a_missing_head_is_rebuilt_from_the_last_entry():
    _make_entries(2)
    AuditChainHead.objects.all().delete()
    _make_entries(1, start=2)
    assert [e.seq for e in AuditEntry.objects.order_by("seq")] == [1, 2, 3]
    assert verify_chain().ok


# available_apps keeps the flush after this test to core tables: a full flush on PostgreSQL trips over
# django-auditlog's unused auditlog_logentry table (it references django_content_type; see the report).
@pytest.mark.django_db(transaction=True, available_apps=["fazhi.core"])
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite has no cross-connection locking; see the SQLite-file test below")
    ContentType.objects.clear_cache()  # an earlier transactional test may have flushed the content types
    writers, per_writer = 8, 15
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def write(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_writer):
                DictionaryEntry.objects.create(category="test_chain", code=f"w{n}_{i}", label="并发")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, writers * per_writer + 1))
    report = verify_chain()
    assert report.ok and report.checked == writers * per_writer


SQLITE_FILE_PROBE = """
import json, threading, django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditChainHead, AuditEntry

with connection.schema_editor() as editor:  # just the tables the chain needs, in a real database file
    for model in (ContentType, get_user_model(), AuditChainHead, AuditEntry):
        editor.create_model(model)
ct = ContentType.objects.create(app_label="core", model="probe")
connections.close_all()
errors = []
barrier = threading.Barrier(WRITERS)

def write(n):
    try:
        barrier.wait()
        for i in range(PER_WRITER):
            AuditEntry(content_type_id=ct.pk, object_pk=f"{n}-{i}", object_repr="并发", action=0).save()
    except BaseException as exc:
        errors.append(repr(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
report = verify_chain()
seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
print(json.dumps({"errors": errors, "seqs": seqs, "ok": report.ok, "checked": report.checked}))
"""


def test_concurrent_writers_on_a_sqlite_file_never_fork_the_chain(tmp_path):
    # The in-memory test database cannot show SQLite's locking, so this runs against a database file in a child
    # process: 8 threads with their own connections write at once (BEGIN IMMEDIATE + the head UPDATE serialise them).
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    writers, per_writer = 8, 25
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "FAZHI_VAR_DIR": str(tmp_path)})
    code = SQLITE_FILE_PROBE.replace("WRITERS", str(writers)).replace("PER_WRITER", str(per_writer))
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["seqs"] == list(range(1, writers * per_writer + 1))
    assert result["ok"] and result["checked"] == writers * per_writer


def test_the_archive_keeps_entries_up_to_a_date_and_verifies_on_its_own(tmp_path, settings, capsys):
    settings.BACKUP_KEY = "archive-test-key"
    _make_entries(4)
    late = AuditEntry.objects.order_by("seq").last()
    _raw("UPDATE {t} SET timestamp = %s WHERE id = %s", [datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC), late.pk])
    # moving the timestamp is itself tampering: the archive refuses a broken chain
    with pytest.raises(CommandError, match="审计链已断裂"):
        call_command("audit_archive", until="2098-12-31", output=str(tmp_path / "a.fza"))
    _raw("UPDATE {t} SET timestamp = %s WHERE id = %s", [late.timestamp, late.pk])

    archive = tmp_path / "audit.fza"
    call_command("audit_archive", until=datetime.date.today().isoformat(), output=str(archive))
    call_command("audit_archive", check=str(archive))
    out = capsys.readouterr().out
    assert "已归档 4 条审计记录" in out and "归档完好：共 4 条记录" in out
    assert "项目" not in archive.read_bytes().decode("latin-1")  # encrypted
    assert AuditEntry.objects.count() == 4  # archiving never removes entries

    settings.BACKUP_KEY = "wrong"
    with pytest.raises(CommandError, match="备份密钥不正确"):
        call_command("audit_archive", check=str(archive))
