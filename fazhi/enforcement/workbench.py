"""Workbench: certificates expired or expiring within 60 days; postings overdue or due within 3 days; postings
that must come down after a revoked decision (LE-04/LE-05); problems past their rectification deadline."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import Role
from fazhi.core.registry import QuickAction, WorkItem, register_quick_action
from fazhi.enforcement import selectors
from fazhi.enforcement.models import EXPIRY_WARNING, Officer, Problem

SOON = datetime.timedelta(days=3)
LIMIT = 20

register_quick_action(
    QuickAction(gettext_lazy("登记执法案件"), "enforcement:case_create", "enforcement", frozenset({Role.ENFORCER}), 10)
)


def items(user) -> list[WorkItem]:
    if not user.has_perm("enforcement.view"):
        return []
    today = timezone.localdate()
    result = [
        WorkItem(
            module="enforcement",
            title=(_("执法证已过期：%(n)s") if o.certificate_valid_until < today else _("执法证即将到期：%(n)s"))
            % {"n": o.name},
            url=reverse("enforcement:officer_detail", args=[o.pk]),
            kind=_("执法证"),
            due=o.certificate_valid_until,
            overdue=o.certificate_valid_until < today,
        )
        for o in Officer.objects.visible_to(user).filter(certificate_valid_until__lte=today + EXPIRY_WARNING)[:LIMIT]
    ]
    for p in selectors.publications_pending(user=user).order_by("due_on")[:LIMIT]:
        withdrawing = p.withdraw_due is not None
        due = p.withdraw_due if withdrawing else p.due_on
        if due > today + SOON:
            continue
        title = _("执法公示待撤下：%(t)s") if withdrawing else _("执法决定待公示：%(t)s")
        result.append(
            WorkItem(
                module="enforcement",
                title=title % {"t": p.case.title},
                url=reverse("enforcement:case_detail", args=[p.case_id]),
                kind=_("执法公示"),
                due=due,
                overdue=due < today,
            )
        )
    overdue = Problem.objects.filter(
        inspection__in=selectors.inspection_list(user=user).values("pk"), rectified_on__isnull=True, due_on__lt=today
    )
    result += [
        WorkItem(
            module="enforcement",
            title=_("评查问题整改逾期：%(d)s") % {"d": p.description},
            url=reverse("enforcement:inspection_detail", args=[p.inspection_id]),
            kind=_("案卷评查"),
            due=p.due_on,
            overdue=True,
        )
        for p in overdue[:LIMIT]
    ]
    return result
