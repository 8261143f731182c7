"""Encrypted model fields, a keyed blind index for exact search, and masking helpers.

Personal data (身份证号, phone numbers) is stored encrypted (个人信息保护法 第五十一条: 加密、去标识化 — docs/law.md
SEC-05) with an authenticated cipher: AES-256-GCM, or SM4-GCM (国密, GB/T 32907-2016) when
settings.FIELD_ENCRYPTION_CIPHER = "SM4-GCM" (商用密码管理条例 — docs/law.md SEC-13).

Stored form: ``<cipher>$<key id>$<base64(nonce | ciphertext | tag)>``. The key id and cipher travel with the value,
so settings.FIELD_ENCRYPTION_KEYS ("id:base64,id:base64") can list several keys: the first encrypts, every one
decrypts, and ``manage.py rotate_field_keys`` re-encrypts old values under the first key without loss.

Exact search goes through a separate blind-index column: HMAC-SHA256 over the normalised value, keyed by
settings.FIELD_HASH_KEY (``blind_index``). A phone number is masked 3+4 (docs/law.md SEC-20); a 身份证号 keeps only
its last 2 characters and a birth date is an ``EncryptedDateField`` shown as its year (see ``mask_id_number``).
"""

import base64
import datetime
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

CIPHERS = ("AES-GCM", "SM4-GCM")
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    pass


@dataclass(frozen=True)
class Keyring:
    cipher: str
    keys: dict[str, bytes]  # id -> raw key
    current: str  # id of the key that encrypts


def _parse_keys(spec: str) -> tuple[dict[str, bytes], str]:
    keys: dict[str, bytes] = {}
    first = ""
    for part in [p.strip() for p in spec.split(",") if p.strip()]:
        key_id, sep, b64 = part.partition(":")
        if not sep or not key_id or "$" in key_id:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS: each item must be 'id:base64'.")
        raw = base64.b64decode(b64)
        if len(raw) not in (16, 32):
            raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS: key {key_id!r} must be 16 or 32 bytes.")
        keys[key_id] = raw
        first = first or key_id
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return keys, first


@lru_cache(maxsize=8)
def _keyring(spec: str, cipher: str) -> Keyring:
    if cipher not in CIPHERS:
        raise ImproperlyConfigured(f"FIELD_ENCRYPTION_CIPHER must be one of {CIPHERS}.")
    keys, current = _parse_keys(spec)
    return Keyring(cipher=cipher, keys=keys, current=current)


def keyring() -> Keyring:
    return _keyring(settings.FIELD_ENCRYPTION_KEYS, settings.FIELD_ENCRYPTION_CIPHER)


def _algorithm(cipher: str, key: bytes):
    if cipher == "SM4-GCM":
        return algorithms.SM4(key[:16])  # SM4 has a 128-bit key
    return algorithms.AES(key)


def _aad(cipher: str, key_id: str) -> bytes:
    # Binding cipher and key id to the ciphertext stops anyone swapping the header of a stored value.
    return f"{cipher}${key_id}".encode()


@lru_cache(maxsize=8)
def _aes_gcm(key: bytes) -> AESGCM:
    return AESGCM(key)


def encrypt(plaintext: str) -> str:
    ring = keyring()
    key = ring.keys[ring.current]
    nonce = os.urandom(NONCE_BYTES)
    aad = _aad(ring.cipher, ring.current)
    if ring.cipher == "AES-GCM":
        # The one-shot AEAD object returns ciphertext | tag — the same bytes as the streaming Cipher below, several
        # times faster per value (a bulk import encrypts two values a row).
        sealed = _aes_gcm(key).encrypt(nonce, plaintext.encode(), aad)
    else:
        enc = Cipher(_algorithm(ring.cipher, key), modes.GCM(nonce)).encryptor()
        enc.authenticate_additional_data(aad)
        sealed = enc.update(plaintext.encode()) + enc.finalize() + enc.tag
    blob = base64.b64encode(nonce + sealed).decode()
    return f"{ring.cipher}${ring.current}${blob}"


def is_current(token: str) -> bool:
    ring = keyring()
    parts = token.split("$")
    return len(parts) == 3 and parts[0] == ring.cipher and parts[1] == ring.current


def decrypt(token: str) -> str:
    try:
        cipher, key_id, blob = token.split("$")
    except ValueError as exc:
        raise DecryptionError("not an encrypted value") from exc
    ring = keyring()
    if cipher not in CIPHERS:
        raise DecryptionError(f"unknown cipher {cipher!r}")
    key = ring.keys.get(key_id)
    if key is None:
        raise DecryptionError(f"key {key_id!r} is not configured")
    raw = base64.b64decode(blob)
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    dec = Cipher(_algorithm(cipher, key), modes.GCM(nonce, tag)).decryptor()
    dec.authenticate_additional_data(_aad(cipher, key_id))
    try:
        return (dec.update(body) + dec.finalize()).decode()
    except InvalidTag as exc:
        raise DecryptionError("value was tampered with or the key is wrong") from exc


def normalise(value: str) -> str:
    return "".join(str(value).split()).upper()


def blind_index(value: str) -> str:
    """Keyed hash of the normalised value for exact-match search; "" for an empty value."""
    if not value:
        return ""
    # hmac.digest is the one-shot form of hmac.new(...).digest(): the same bytes, without the per-call HMAC object.
    return hmac.digest(settings.FIELD_HASH_KEY.encode(), normalise(value).encode(), hashlib.sha256).hex()


# --- masking (个人信息保护法 第二十八条、第五十一条; GB/T 35273-2020 3.14 去标识化) ----------------------------------

ID_NUMBER_SHOWN = 2


def mask_id_number(value: str) -> str:
    """``****************3X``: the last 2 characters only.

    The former first-6 + last-4 mask hid exactly the 出生日期码 (GB 11643-1999 §6), which was shown and stored in
    plaintext beside it; the 地址码 is a township's public code. With the birth date encrypted and only its year
    shown, a mask of the last 4 (顺序码 + 校验码) would still leave only about 365 ÷ 11 ≈ 33 numbers per resident;
    the last 2 leave about 36,500 ÷ 11 ≈ 3,300 (README, Security).
    """
    if not value:
        return ""
    if len(value) <= ID_NUMBER_SHOWN * 2:
        return "*" * len(value)
    return "*" * (len(value) - ID_NUMBER_SHOWN) + value[-ID_NUMBER_SHOWN:]


def mask_phone(value: str) -> str:
    if not value:
        return ""
    if len(value) == 11:
        return value[:3] + "****" + value[-4:]
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


def mask_name(value: str) -> str:
    """For public notices: 张三 → 张*, 张小三 → 张*三."""
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


class EncryptedTextField(models.TextField):
    """Holds plaintext in Python and ciphertext in the database.

    Pair it with a blind-index CharField filled by the service (``blind_index(value)``) for exact search, and a
    mask column for display; never filter on this column itself (ciphertexts are randomised).
    """

    description = "Encrypted text (AES-GCM / SM4-GCM)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_db_prep_save(self, value, connection):
        if hasattr(value, "as_sql"):
            # An expression (bulk_update's CASE WHEN … THEN Value(…)) is compiled as SQL, as Field.get_db_prep_save
            # does; its Values encrypt through this field. Encrypting str(expression) would store the SQL's repr.
            return value
        return self.get_prep_value(value)


class EncryptedDateField(EncryptedTextField):
    """A date held as ``datetime.date`` in Python and as the ciphertext of its ISO form in the database.

    For a birth date: it restores the 出生日期码 a 身份证号 mask hides, so it is kept like the number itself (read
    in full only through the audited reveal) and cannot be filtered or ordered on; keep a plaintext year beside it
    for counting by age.
    """

    description = "Encrypted date (AES-GCM / SM4-GCM)"

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return datetime.date.fromisoformat(value) if value else None

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError as exc:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext_lazy as _

            raise ValidationError(_("日期格式不正确，应为“年-月-日”。"), code="invalid") from exc

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return None
        return encrypt(value.isoformat())

    def value_to_string(self, obj) -> str:
        value = self.value_from_object(obj)
        return value.isoformat() if value else ""


def reencrypt_queryset(queryset, fields: list[str], *, batch: int = 500) -> int:
    """Rewrite every value of `fields` not yet under the current cipher and key. Returns rows rewritten.

    Reads the raw column (no decryption through the model), decrypts with whichever configured key it names and
    writes it back through the field, so values round-trip exactly; runs in one transaction per batch.
    """
    from django.db import transaction

    model = queryset.model
    columns = {f: model._meta.get_field(f).column for f in fields}
    done = 0
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        chunk = pks[start : start + batch]
        with transaction.atomic():
            raw_rows = _raw_values(model, chunk, columns)
            for pk, values in raw_rows.items():
                stale = {f: v for f, v in values.items() if v and not is_current(v)}
                if not stale:
                    continue
                model._base_manager.filter(pk=pk).update(**{f: decrypt(v) for f, v in stale.items()})
                done += 1
    return done


def _raw_values(model, pks: list, columns: dict[str, str]) -> dict:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    pk_col = connection.ops.quote_name(model._meta.pk.column)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns.values())
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk_col}, {cols} FROM {table} WHERE {pk_col} IN ({placeholders})", pks)
        rows = cursor.fetchall()
    names = list(columns)
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}
