"""Tamper-evident audit trail (操作留痕防篡改): the hash chain over core.AuditEntry.

GB/T 22239-2019 8.1.4.3 安全审计 c): 应对审计记录进行保护，定期备份，避免受到未预期的删除、修改或覆盖等.
Each entry stores ``seq`` (its position in the chain), ``prev_hash`` (the previous entry's hash) and ``entry_hash``
= H(canonical JSON of the entry's fields + prev_hash). H is SM3 (GB/T 32905-2016, 商用密码) by default,
SHA-256 when ``settings.AUDIT_HASH_ALGORITHM = "SHA256"``; the algorithm is stored per entry, so switching the
setting never breaks the existing chain.

Keyed (security review, medium): whoever can write the database could rewrite an entry and recompute an unkeyed
chain. New entries are therefore HMACs (HMAC-SM3, or HMAC-SHA256 with the SHA256 setting) under a secret kept out
of the database (``settings.AUDIT_KEYS`` from ``FAZHI_AUDIT_KEY``, ``id:secret,…``: the first key writes, all of them
verify), and each entry stores the id of its key (``hash_key_id``) so keys can rotate. Entries written before keep
their stored unkeyed hash (empty key id) and keep verifying; history is not rewritten. Once a keyed entry is in the
chain, an unkeyed one after it is a break: an intruder cannot drop the key by recomputing the tail without it.

The chain head (``AuditChainHead``, one row) is locked by an UPDATE in the same transaction as the INSERT, so
concurrent writers are serialised: PostgreSQL holds the row lock until commit; SQLite takes its database write lock.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes, hmac
from django.conf import settings
from django.utils.translation import gettext as _

GENESIS_HASH = "0" * 64
ALGORITHMS = {"SM3": hashes.SM3, "SHA256": hashes.SHA256}

# The fields an entry's hash covers (everything but its id and the chain fields themselves).
HASHED_FIELDS = (
    "seq",
    "timestamp",
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "actor_email",
    "cid",
    "remote_addr",
    "remote_port",
    "additional_data",
    "hash_algorithm",
)


class AuditImmutableError(Exception):
    """Raised by every ORM path that would edit or delete an audit entry."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("审计记录只能追加，不能修改或删除。"))


class UnknownAuditKey(KeyError):
    """An entry was keyed with a key this process does not have (rotated out, or another installation's)."""


def audit_keys() -> dict[str, bytes]:
    """``settings.AUDIT_KEYS`` (``"id:secret,id2:secret2"``) as {id: secret bytes}, the signing key first."""
    keys: dict[str, bytes] = {}
    for item in str(getattr(settings, "AUDIT_KEYS", "") or "").split(","):
        if not item.strip():
            continue
        key_id, sep, secret = item.strip().partition(":")
        if not sep or not key_id or len(key_id) > 16 or len(secret) < 16:
            raise ValueError("FAZHI_AUDIT_KEY must be id:secret[,id:secret…] (id ≤ 16 characters, secret ≥ 16)")
        keys[key_id] = secret.encode()
    return keys


def signing_key_id() -> str:
    """The id of the key new entries are written with ("" when no key is configured: an unkeyed hash)."""
    return next(iter(audit_keys()), "")


def configured_algorithm() -> str:
    name = str(getattr(settings, "AUDIT_HASH_ALGORITHM", "SM3")).upper().replace("-", "")
    if name not in ALGORITHMS:
        raise ValueError(f"AUDIT_HASH_ALGORITHM must be one of {sorted(ALGORITHMS)}, not {name!r}")
    return name


JSON_FIELDS = ("serialized_data", "changes", "additional_data")


def _canonical_json(value: Any) -> Any:
    """JSON as both databases give it back: PostgreSQL's jsonb returns an integral float (1e16, 1.0) as an integer."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return int(decimal.Decimal(repr(value))) if value.is_integer() else value
    if isinstance(value, dict):
        return {str(k): _canonical_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical_json(v) for v in value]
    return value


def _prepared(entry: Any, name: str) -> Any:
    """The value as the database stores it (e.g. an int object_pk becomes the string the CharField holds)."""
    value = getattr(entry, name)
    if value is None:
        return None
    if name in ("content_type_id", "actor_id"):  # foreign keys: the raw id
        return int(value)
    prepared = entry._meta.get_field(name).get_prep_value(value)
    if name in JSON_FIELDS:
        return _canonical_json(prepared)
    if name == "timestamp":
        return prepared.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return prepared


def canonical_bytes(entry: Any) -> bytes:
    payload = {name: _prepared(entry, name) for name in HASHED_FIELDS}
    payload["prev_hash"] = entry.prev_hash
    if getattr(entry, "hash_key_id", ""):  # covered when present; entries written before have none (same bytes)
        payload["hash_key_id"] = entry.hash_key_id
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def compute_hash(entry: Any, algorithm: str | None = None, *, keys: dict[str, bytes] | None = None) -> str:
    """The hash of ``entry`` (an AuditEntry, or its historical model in a migration): the HMAC under the key its
    ``hash_key_id`` names, or the plain hash of an entry written before keys. Raises ``UnknownAuditKey``."""
    algo = ALGORITHMS[algorithm or entry.hash_algorithm]()
    key_id = getattr(entry, "hash_key_id", "")
    if key_id:
        keys = audit_keys() if keys is None else keys
        if key_id not in keys:
            raise UnknownAuditKey(key_id)
        mac = hmac.HMAC(keys[key_id], algo)
        mac.update(canonical_bytes(entry))
        return mac.finalize().hex()
    digest = hashes.Hash(algo)
    digest.update(canonical_bytes(entry))
    return digest.finalize().hex()


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int | None
    seq: int | None
    reason: str

    def __str__(self) -> str:
        if self.seq is None:  # a break outside the entries (a signed head's file)
            return self.reason
        where = _("第 %(seq)s 条（id=%(id)s）") % {"seq": self.seq, "id": self.entry_id}
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken: ChainBreak | None
    # Entries keyed with a key this process lacks: linked, but their content could not be checked.
    unverified: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_entries(entries: Iterable[Any], *, head: Any | None = None) -> ChainReport:
    """Walk ``entries`` in seq order; return the first break (gap, wrong link, wrong hash, an unkeyed entry after a
    keyed one, head mismatch) and the seqs of entries whose key this process does not have."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    last = None
    keys = audit_keys()
    keyed_seen = False
    unverified: list[int] = []

    def broken(entry: Any, reason: str) -> ChainReport:
        return ChainReport(checked, ChainBreak(entry.id, entry.seq, reason), tuple(unverified))

    for entry in entries:
        if entry.seq != expected_seq:
            return broken(entry, _("序号不连续，应为 %(expected)s（其前的记录被删除）") % {"expected": expected_seq})
        if entry.prev_hash != prev_hash:
            return broken(entry, _("前序哈希与上一条记录不一致"))
        if entry.hash_algorithm not in ALGORITHMS:
            return broken(entry, _("未知的哈希算法"))
        key_id = getattr(entry, "hash_key_id", "")
        if keyed_seen and not key_id:
            return broken(entry, _("在以密钥计算的记录之后出现未加密钥的记录（记录被改写）"))
        keyed_seen = keyed_seen or bool(key_id)
        try:
            if compute_hash(entry, keys=keys) != entry.entry_hash:
                return broken(entry, _("内容与哈希不符（记录被修改）"))
        except UnknownAuditKey:
            unverified.append(entry.seq)
        checked += 1
        prev_hash = entry.entry_hash
        expected_seq += 1
        last = entry
    if head is not None and (head.seq != checked or head.last_hash != prev_hash):
        # The head remembers the last link: entries removed from the end of the chain show up here.
        return ChainReport(
            checked,
            ChainBreak(
                getattr(last, "id", None),
                head.seq,
                _("链尾与链头记录不符：链头为第 %(seq)s 条，实际只有 %(count)s 条")
                % {"seq": head.seq, "count": checked},
            ),
            tuple(unverified),
        )
    return ChainReport(checked, None, tuple(unverified))


def iter_chain(queryset: Any, chunk_size: int = 2000) -> Iterator[Any]:
    return queryset.order_by("seq").iterator(chunk_size=chunk_size)


def verify_chain(*, using: str = "default") -> ChainReport:
    from fazhi.core.models import AuditChainHead, AuditEntry

    head = AuditChainHead.objects.using(using).filter(pk=AuditChainHead.SINGLETON).first()
    if head is None:
        head = AuditChainHead(seq=0, last_hash=GENESIS_HASH)
    return verify_entries(iter_chain(AuditEntry.objects.using(using).all()), head=head)


# --- archiving (the entries stay in the database; the archive is the copy kept beyond the online period) -----------

ARCHIVE_FIELDS = ("id", *HASHED_FIELDS, "hash_key_id", "prev_hash", "entry_hash")


def archive_entries(*, until: datetime.date, path: Any) -> int:
    """Write every entry up to ``until`` (inclusive, Asia/Shanghai day) as JSON lines, in chain order, from seq 1.

    The chain is verified first: an archive of a broken chain is refused.
    """
    from django.utils import timezone

    from fazhi.core.models import AuditEntry

    report = verify_chain()
    if not report.ok:
        raise ValueError(_("审计链已断裂，不能归档：%(b)s") % {"b": report.broken})
    end = timezone.make_aware(datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time()))
    last = AuditEntry.objects.filter(timestamp__lt=end).order_by("-seq").values_list("seq", flat=True).first() or 0
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for entry in iter_chain(AuditEntry.objects.filter(seq__lte=last)):
            row = {
                name: _prepared(entry, name) if name in HASHED_FIELDS else getattr(entry, name)
                for name in ARCHIVE_FIELDS
            }
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def entries_from_archive(path: Any) -> Iterator[Any]:
    from django.utils.dateparse import parse_datetime

    from fazhi.core.models import AuditEntry

    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            row["timestamp"] = parse_datetime(row["timestamp"])
            yield AuditEntry(**row)


# --- the signed chain head (written out; checked by audit_verify) --------------------------------------------------
# Whoever holds FAZHI_AUDIT_KEY and can write the database can rewrite an entry and recompute every HMAC after it;
# the chain then verifies. A head signed with Ed25519 and written to a file outside the database (under the backup
# directory, kept with the archives) fixes what the chain was at that moment: the signing key lives only with the
# job that signs, and verification needs only the public key, so neither the database nor the audit key can forge
# a head. GB/T 22239-2019 8.1.4.3 安全审计 c) (保护审计记录, 避免受到未预期的修改或覆盖).

HEAD_FORMAT = 1
HEAD_GLOB = "audit-head-*.json"


def _head_private_key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    seed = base64.b64decode(str(getattr(settings, "AUDIT_HEAD_SIGNING_KEY", "") or ""))
    if len(seed) != 32:
        raise ValueError("FAZHI_AUDIT_HEAD_KEY must be the base64 of a 32-byte Ed25519 private key")
    return Ed25519PrivateKey.from_private_bytes(seed)


def _head_public_key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    configured = str(getattr(settings, "AUDIT_HEAD_PUBLIC_KEY", "") or "")
    if configured:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(configured))
    return _head_private_key().public_key()


def _head_payload(head: dict[str, Any]) -> bytes:
    signed = {k: v for k, v in head.items() if k != "signature"}
    return json.dumps(signed, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def head_sign(*, directory: Any, using: str = "default") -> Any:
    """Write the current chain head (last entry's seq, id and hash, and the time) signed with the Ed25519 key to a new
    file in ``directory``; return its path. The chain is verified first: a broken chain is never vouched for."""
    from pathlib import Path

    from django.utils import timezone

    from fazhi.core.models import AuditEntry

    report = verify_chain(using=using)
    if not report.ok:
        raise ValueError(_("审计链已断裂，不能签名链头：%(b)s") % {"b": report.broken})
    last = AuditEntry.objects.using(using).order_by("-seq").values("seq", "id", "entry_hash").first()
    last = last or {"seq": 0, "id": None, "entry_hash": GENESIS_HASH}
    now = timezone.now().astimezone(datetime.UTC)
    head = {
        "format": HEAD_FORMAT,
        "seq": last["seq"],
        "entry_id": last["id"],
        "entry_hash": last["entry_hash"],
        "signed_at": now.isoformat(timespec="microseconds"),
    }
    head["signature"] = base64.b64encode(_head_private_key().sign(_head_payload(head))).decode()
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"audit-head-{head['seq']:012d}-{now:%Y%m%dT%H%M%S%fZ}.json"
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps(head, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(path)  # a half-written head never looks like a signed one
    return path


@dataclass(frozen=True)
class HeadReport:
    checked: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_heads(*, directory: Any, using: str = "default") -> HeadReport:
    """Check every signed head in ``directory`` against the database: its signature under the public key, and that
    the entry at its seq still has the hash it signed. The first head that no longer matches names the range of
    entries rewritten since: after the last head that still matches, up to its own seq."""
    from pathlib import Path

    from cryptography.exceptions import InvalidSignature

    from fazhi.core.models import AuditEntry

    public_key = _head_public_key()
    heads = []
    for path in sorted(Path(directory).glob(HEAD_GLOB)):
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
            public_key.verify(base64.b64decode(head["signature"]), _head_payload(head))
        except (InvalidSignature, ValueError, KeyError, TypeError):
            reason = _("链头文件 %(f)s 的签名无效（文件被改动或不是本平台签发）") % {"f": path.name}
            return HeadReport(len(heads), ChainBreak(None, None, reason))
        heads.append(head)
    heads.sort(key=lambda h: (h["seq"], h["signed_at"]))
    anchored = 0
    for checked, head in enumerate(heads):
        if head["seq"] == 0:
            continue
        stored = AuditEntry.objects.using(using).filter(seq=head["seq"]).values("id", "entry_hash").first()
        if stored is None:
            reason = _("%(t)s 签名的链头记载第 %(seq)s 条，数据库中已没有该记录（记录被删除）") % {
                "t": head["signed_at"],
                "seq": head["seq"],
            }
            return HeadReport(checked, ChainBreak(head["entry_id"], head["seq"], reason))
        if stored["entry_hash"] != head["entry_hash"]:
            reason = _(
                "与 %(t)s 签名的链头不符：第 %(first)s 至第 %(last)s 条记录在签名后被改写（哈希链已被重新计算）"
            ) % {"t": head["signed_at"], "first": anchored + 1, "last": head["seq"]}
            return HeadReport(checked, ChainBreak(stored["id"], head["seq"], reason))
        anchored = head["seq"]
    return HeadReport(len(heads), None)
