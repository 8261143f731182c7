"""An exact 身份证号 search answers one question — is this number registered here? — so it is a yes/no oracle over
the residents' register. It is rate limited per user (FAZHI_ID_LOOKUP_RATE) and recorded as a lookup in the audit
trail: who, when, from where, on which page, and whether it matched — never the number itself.

个人信息保护法 第五十一条 (安全技术措施, 访问控制) and 第五十四条 (合规审计); GB/T 22239-2019 8.1.4.3 安全审计 a)/b).
"""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from fazhi.core.models import AuditEntry
from fazhi.people.models import Resident

ID_NUMBER = re.compile(r"\d{17}[\dXx]")


def is_id_number(q: str) -> bool:
    """Whether a search text is a full 身份证号 (searched exactly, by its blind index)."""
    return bool(ID_NUMBER.fullmatch(re.sub(r"[\s\-]", "", q or "")))


def id_lookup_refused(request) -> HttpResponse | None:
    """Count one exact-ID search by this user; over the limit, the 429 answer to send instead of a result."""
    if is_ratelimited(
        request, group="people.id_lookup", key="user", rate=settings.FAZHI_ID_LOOKUP_RATE, method=ALL, increment=True
    ):
        message = _("按身份证号精确查询过于频繁，请稍后再试。")
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    return None


def id_lookup_record(*, actor, page: str, hit: bool) -> AuditEntry:
    """The audit entry of one exact-ID search: the page it came from and whether anything matched."""
    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(Resident),
        object_pk="",
        object_repr="lookup:id_number",
        action=AuditEntry.Action.ACCESS,
        changes_text="",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        additional_data={"lookup": "id_number", "page": page, "hit": hit},
    )
    entry.save()
    return entry
