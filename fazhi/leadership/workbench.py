"""Workbench items: work-plan tasks past their deadline and not done (督察规定 第七条(二): 同督促)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.leadership.choices import TaskProgress
from fazhi.leadership.models import PlanTask, WorkPlan


def overdue_tasks(user) -> list[WorkItem]:
    if not user.is_authenticated or not user.has_perm("leadership.change"):
        return []
    today = timezone.localdate()
    tasks = (
        PlanTask.objects.filter(plan__in=WorkPlan.objects.visible_to(user), deadline__lt=today)
        .exclude(progress=TaskProgress.DONE)
        .select_related("plan")[:50]
    )
    return [
        WorkItem(
            module="leadership",
            title=_("工作计划任务逾期：%(t)s（%(o)s）") % {"t": t.title, "o": t.owner},
            url=reverse("leadership:plan_detail", args=[t.plan_id]),
            kind=_("组织领导"),
            due=t.deadline,
            overdue=True,
        )
        for t in tasks
    ]
