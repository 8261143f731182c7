"""Workbench items: reports of the user's areas still to submit (by 1 March) or publish (by 1 April)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.accounts.roles import Role
from fazhi.core.registry import QuickAction, WorkItem, register_quick_action
from fazhi.reports.choices import ReportStatus
from fazhi.reports.models import Report

register_quick_action(
    QuickAction(gettext_lazy("数据看板"), "reports:township_dashboard", "reports", frozenset({Role.LEADER}), 10)
)
register_quick_action(
    QuickAction(
        gettext_lazy("年度报告"), "reports:report_list", "reports", frozenset({Role.LEADER, Role.LEGAL_STAFF}), 20
    )
)


def report_items(user) -> list[WorkItem]:
    if not user.is_authenticated or not user.has_perm("reports.view"):
        return []
    today = timezone.localdate()
    items = []
    pending = Report.objects.visible_to(user).exclude(status=ReportStatus.PUBLISHED).select_related("area")
    for report in pending:
        url = reverse("reports:report_detail", args=[report.pk])
        if report.status in (ReportStatus.DRAFT, ReportStatus.FINAL):
            items.append(
                WorkItem(
                    module="reports",
                    title=_("%(area)s%(year)s年度法治政府建设报告待报送")
                    % {"area": report.area.name, "year": report.year},
                    url=url,
                    kind=_("年度报告"),
                    due=report.submit_due,
                    overdue=report.submit_late(today),
                )
            )
        else:
            items.append(
                WorkItem(
                    module="reports",
                    title=_("%(area)s%(year)s年度法治政府建设报告待公开")
                    % {"area": report.area.name, "year": report.year},
                    url=url,
                    kind=_("年度报告"),
                    due=report.publish_due,
                    overdue=report.publish_late(today),
                )
            )
    return items
