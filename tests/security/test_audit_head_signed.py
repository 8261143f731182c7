"""The chain head signed and written out (issue 25, item 5): a rewrite of past entries by someone who holds the audit
key and recomputes the whole chain still fails `audit_verify`, which names the range of entries rewritten."""

import base64
import io

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core.audit import compute_hash, head_sign, verify_chain
from fazhi.core.models import AuditChainHead, AuditEntry, DictionaryEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def heads(settings, tmp_path):
    settings.AUDIT_HEAD_DIR = tmp_path / "audit-heads"
    return settings.AUDIT_HEAD_DIR


def _make(n: int, start: int = 0) -> list[AuditEntry]:
    for i in range(start, start + n):
        DictionaryEntry.objects.create(category="test_head", code=f"c{i}", label=f"项目{i}")
    return list(AuditEntry.objects.order_by("seq"))


def _rewrite_with_the_key(entry: AuditEntry) -> None:
    """An intruder holding FAZHI_AUDIT_KEY: change one entry and recompute every HMAC and the head row after it."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    prev = entry.prev_hash
    with connection.cursor() as cursor:
        for e in AuditEntry.objects.filter(seq__gte=entry.seq).order_by("seq"):
            if e.pk == entry.pk:
                e.object_repr = "篡改后的内容"
            e.prev_hash = prev
            e.entry_hash = compute_hash(e)
            cursor.execute(
                f"UPDATE {table} SET object_repr = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [e.object_repr, e.prev_hash, e.entry_hash, e.pk],
            )
            prev = e.entry_hash
    AuditChainHead.objects.update(last_hash=prev)


def _verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_signed_head_file_holds_the_last_entry_and_verifies(heads):
    entries = _make(3)
    path = head_sign(directory=heads)
    assert path.parent == heads and path.name.startswith("audit-head-000000000003-")
    assert f'"entry_hash": "{entries[-1].entry_hash}"' in path.read_text()
    assert "与 1 个签名链头一致" in _verify()


def test_a_rewrite_recomputed_with_the_audit_key_is_caught_by_the_signed_head_naming_the_range(heads):
    _make(3)
    call_command("audit_sign_head", stdout=io.StringIO())
    entries = _make(3, start=3)
    call_command("audit_sign_head", stdout=io.StringIO())
    _make(1, start=6)  # written after the last head: not yet vouched for
    _rewrite_with_the_key(entries[4])
    assert verify_chain().ok  # the keyed chain alone no longer tells
    with pytest.raises(CommandError) as exc:
        _verify()
    message = str(exc.value)
    assert "第 4 至第 6 条记录在签名后被改写" in message and f"id={entries[5].pk}" in message


def test_a_rewrite_before_the_first_head_names_the_range_from_the_start(heads):
    entries = _make(4)
    head_sign(directory=heads)
    _rewrite_with_the_key(entries[0])
    with pytest.raises(CommandError, match="第 1 至第 4 条记录在签名后被改写"):
        _verify()


def test_a_head_signed_with_another_key_is_refused(heads, settings):
    _make(2)
    settings.AUDIT_HEAD_SIGNING_KEY = base64.b64encode(b"x" * 32).decode()
    head_sign(directory=heads)  # an intruder's own key
    settings.AUDIT_HEAD_SIGNING_KEY = base64.b64encode(b"y" * 32).decode()
    with pytest.raises(CommandError, match="签名无效"):
        _verify()


def test_verification_needs_only_the_public_key(heads, settings):
    _make(2)
    private = Ed25519PrivateKey.generate()
    settings.AUDIT_HEAD_SIGNING_KEY = base64.b64encode(private.private_bytes_raw()).decode()
    head_sign(directory=heads)
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    settings.AUDIT_HEAD_SIGNING_KEY = ""
    settings.AUDIT_HEAD_PUBLIC_KEY = base64.b64encode(public).decode()
    assert "与 1 个签名链头一致" in _verify()


def test_a_broken_chain_is_never_signed(heads):
    entries = _make(2)
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_repr = %s WHERE id = %s", ["篡改", entries[0].pk])
    with pytest.raises(CommandError, match="不能签名链头"):
        call_command("audit_sign_head", stdout=io.StringIO())
    assert not heads.exists() or not list(heads.glob("*.json"))
