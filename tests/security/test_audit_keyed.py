"""The audit chain is keyed (security review, medium): whoever can write the database but lacks FAZHI_AUDIT_KEY
cannot rewrite an entry and recompute the chain unnoticed; earlier unkeyed entries keep verifying; keys rotate."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from fazhi.core.audit import compute_hash, verify_chain
from fazhi.core.models import AuditChainHead, AuditEntry, DictionaryEntry

pytestmark = pytest.mark.django_db

K1 = "k1:first-audit-secret-0123456789"
K2 = "k2:second-audit-secret-987654321"


def _make(n: int, start: int = 0) -> list[AuditEntry]:
    for i in range(start, start + n):
        DictionaryEntry.objects.create(category="test_keyed", code=f"c{i}", label=f"项目{i}")
    return list(AuditEntry.objects.filter(object_repr__startswith="项目").order_by("seq"))


def _rewrite_from(entry: AuditEntry, *, key_id: str, keys=None) -> None:
    """What an intruder with database access does: change an entry and recompute every hash after it."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    prev = entry.prev_hash
    with connection.cursor() as cursor:
        for e in AuditEntry.objects.filter(seq__gte=entry.seq).order_by("seq"):
            if e.pk == entry.pk:
                e.object_repr = "篡改后的内容"
            e.hash_key_id, e.prev_hash = key_id, prev
            e.entry_hash = compute_hash(e, keys=keys)
            cursor.execute(
                f"UPDATE {table} SET object_repr = %s, hash_key_id = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [e.object_repr, e.hash_key_id, e.prev_hash, e.entry_hash, e.pk],
            )
            prev = e.entry_hash
    AuditChainHead.objects.update(last_hash=prev)


def test_new_entries_are_keyed_with_the_first_key(settings):
    settings.AUDIT_KEYS = f"{K1},{K2}"
    entries = _make(2)
    assert {e.hash_key_id for e in entries} == {"k1"}
    assert verify_chain().ok


def test_rewriting_an_entry_and_recomputing_the_chain_without_the_key_is_detected(settings):
    settings.AUDIT_KEYS = K1
    entries = _make(4)
    _rewrite_from(entries[1], key_id="")  # dropping the key: plain hashes, all links consistent
    report = verify_chain()
    assert not report.ok and report.broken.seq == entries[1].seq and "未加密钥" in report.broken.reason


def test_rewriting_with_a_guessed_key_under_the_same_key_id_is_detected(settings):
    settings.AUDIT_KEYS = K1
    entries = _make(4)
    _rewrite_from(entries[2], key_id="k1", keys={"k1": b"a-guess-of-the-secret"})
    report = verify_chain()
    assert not report.ok and report.broken.seq == entries[2].seq and "记录被修改" in report.broken.reason


def _fresh_chain() -> None:
    # Entries written while the test database was set up are keyed with the development key; this test starts the
    # chain as an installation from before keys did.
    with connection.cursor() as cursor:
        for model in (AuditEntry, AuditChainHead):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def test_entries_written_before_the_key_keep_verifying_and_keys_rotate(settings):
    _fresh_chain()
    settings.AUDIT_KEYS = ""  # before this change: unkeyed hashes, nothing rewritten
    before = _make(2)
    settings.AUDIT_KEYS = K1
    _make(2, start=2)
    settings.AUDIT_KEYS = f"{K2},{K1}"  # rotation: the new key first, the old one kept to verify
    entries = _make(2, start=4)
    assert [e.hash_key_id for e in entries] == ["", "", "k1", "k1", "k2", "k2"]
    assert all(e.entry_hash == compute_hash(e) for e in before)
    assert verify_chain().ok
    # Without the old key its entries cannot be checked: reported, not taken for broken or for sound.
    settings.AUDIT_KEYS = K2
    report = verify_chain()
    assert report.ok and {entries[2].seq, entries[3].seq} <= set(report.unverified)
    err = io.StringIO()
    call_command("audit_verify", stdout=io.StringIO(), stderr=err)
    assert "未能校验内容" in err.getvalue()
