"""The audit entry of an export of personal data: who exported which list, with which filter, how many rows.

个人信息保护法 第五十一条 (安全技术措施) and 第五十四条 (合规审计); GB/T 22239-2019 8.1.4.3 安全审计 a)/b): an
export takes a whole list of residents' data out of the platform, so it is recorded like a reveal of one value
(``people.services.resident_reveal``): an "访问" entry in the hash-chained trail, the address and actor from the
request's audit context (``fazhi.core.middleware``), the details in ``additional_data``.

The filter is recorded as the form understood it, with free text masked: a search by 身份证号, phone number or name
must not put that value into the trail in plaintext (the trail is read by the 审计管理员, who reads no domain record).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.encryption import mask_name

DIGITS = re.compile(r"[0-9Xx]")
FREE_TEXT_FIELDS = ("q",)


def _masked_text(value: str) -> str:
    """Digits (and the X of a 身份证号) become *; text without digits is masked as a name (张小三 → 张*三)."""
    if sum(c.isdigit() for c in value) >= 4:
        return DIGITS.sub("*", value)
    return mask_name(value)


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [_plain(name, v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and name in FREE_TEXT_FIELDS:
        return _masked_text(value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def export_filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """The filters that narrow the list (empty ones left out), as JSON values."""
    return {name: _plain(name, value) for name, value in filters.items() if value not in (None, "", [], False)}


def export_record(*, actor, model: type[models.Model], export: str, filters: Mapping[str, Any], rows: int):
    """Write the audit entry of one export (in the caller's transaction, if any) and return it."""
    from fazhi.core.models import AuditEntry

    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="",
        object_repr=f"export:{export}",
        action=AuditEntry.Action.ACCESS,
        changes_text="",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        additional_data={"export": export, "filters": export_filters(filters), "rows": rows},
    )
    entry.save()
    return entry
