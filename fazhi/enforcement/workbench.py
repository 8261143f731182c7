"""Workbench: 执法证 expiring within 60 days or expired; decisions past their publication due (LE-04)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.enforcement.models import CaseStatus, EnforcementCase, Officer

SOON = datetime.timedelta(days=60)


def items(user) -> list[WorkItem]:
    if not user.has_perm("enforcement.view"):
        return []
    today = timezone.localdate()
    result = [
        WorkItem(
            title=_("执法证即将到期：%(n)s") % {"n": o.name},
            url="",
            kind=_("执法证"),
            due=o.certificate_valid_until,
            overdue=o.certificate_valid_until < today,
        )
        for o in Officer.objects.visible_to(user).filter(certificate_valid_until__lte=today + SOON)[:20]
    ]
    result += [
        WorkItem(
            title=_("执法决定待公示：%(t)s") % {"t": c.title},
            url="",
            kind=_("执法公示"),
            due=c.publication_due,
            overdue=c.publication_due < today,
        )
        for c in EnforcementCase.objects.visible_to(user).filter(
            status=CaseStatus.DECIDED, publication_due__lte=today + datetime.timedelta(days=3)
        )[:20]
    ]
    return result
