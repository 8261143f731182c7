"""Workbench: filings due or overdue (备案, docs/law.md ND-15) and documents nearing expiry (ND-17), in scope."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import Role
from fazhi.core.registry import QuickAction, WorkItem, register_quick_action
from fazhi.documents import selectors
from fazhi.documents.choices import DocumentStatus
from fazhi.documents.models import NormativeDocument

SOON = datetime.timedelta(days=5)

register_quick_action(
    QuickAction(
        gettext_lazy("登记规范性文件"), "documents:document_create", "documents", frozenset({Role.LEGAL_STAFF}), 50
    )
)


def _expiry_title(doc, today: datetime.date) -> str:
    if doc.valid_until < today:
        return _("规范性文件有效期已届满：%(t)s") % {"t": doc.title}
    return _("规范性文件有效期即将届满，请评估是否延续：%(t)s") % {"t": doc.title}


def items(user) -> list[WorkItem]:
    if not user.has_perm("documents.view"):
        return []
    today = timezone.localdate()
    filings = (
        NormativeDocument.objects.visible_to(user)
        .filter(status=DocumentStatus.ISSUED, filing_due__lte=today + SOON)
        .order_by("filing_due")[:20]
    )
    out = [
        WorkItem(
            module="documents",
            title=_("规范性文件待报送备案：%(t)s") % {"t": d.title},
            url=reverse("documents:document_detail", args=[d.pk]),
            kind=_("规范性文件备案"),
            due=d.filing_due,
            overdue=d.filing_due < today,
        )
        for d in filings
    ]
    warn_days = getattr(settings, "DOCUMENTS_EXPIRY_WARNING_DAYS", 90)
    expiring = selectors.expiring(user=user, today=today, within_days=warn_days).order_by("valid_until")[:20]
    out += [
        WorkItem(
            module="documents",
            title=_expiry_title(d, today),
            url=reverse("documents:document_detail", args=[d.pk]),
            kind=_("规范性文件有效期"),
            due=d.valid_until,
            overdue=d.valid_until < today,
        )
        for d in expiring
    ]
    return out
