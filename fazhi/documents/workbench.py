"""Workbench: issued documents not yet filed (备案, DOMAIN.md ND-15), from the user's own scope."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.documents.models import DocumentStatus, NormativeDocument

SOON = datetime.timedelta(days=5)


def items(user) -> list[WorkItem]:
    if not user.has_perm("documents.view"):
        return []
    today = timezone.localdate()
    docs = (
        NormativeDocument.objects.visible_to(user)
        .filter(status=DocumentStatus.ISSUED, filing_due__lte=today + SOON)
        .order_by("filing_due")[:20]
    )
    return [
        WorkItem(
            title=_("规范性文件待报送备案：%(t)s") % {"t": d.title},
            url=reverse("documents:document_detail", args=[d.pk]),
            kind=_("规范性文件备案"),
            due=d.filing_due,
            overdue=d.filing_due < today,
        )
        for d in docs
    ]
