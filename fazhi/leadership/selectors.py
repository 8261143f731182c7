from django.db.models import Prefetch, QuerySet
from django.http import Http404

from fazhi.leadership.models import Duty, GroupMember, LeadingGroup, Meeting, PlanTask, WorkPlan


def group_list(*, user) -> QuerySet:
    members = GroupMember.objects.order_by("valid_to", "post", "valid_from", "id")
    return (
        LeadingGroup.objects.visible_to(user)
        .select_related("area")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def group_get(*, user, pk: int) -> LeadingGroup:
    group = group_list(user=user).filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def member_get(*, user, pk: int) -> GroupMember:
    member = (
        GroupMember.objects.filter(group__in=LeadingGroup.objects.visible_to(user), pk=pk)
        .select_related("group__area")
        .first()
    )
    if member is None:
        raise Http404
    return member


def meeting_list(*, user, year: int | None = None) -> QuerySet:
    qs = Meeting.objects.visible_to(user).select_related("area")
    return qs.filter(held_on__year=year) if year else qs


def plan_list(*, user, year: int | None = None) -> QuerySet:
    qs = WorkPlan.objects.visible_to(user).select_related("area").prefetch_related("tasks")
    return qs.filter(year=year) if year else qs


def plan_get(*, user, pk: int) -> WorkPlan:
    plan = plan_list(user=user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def task_get(*, user, pk: int) -> PlanTask:
    task = (
        PlanTask.objects.filter(plan__in=WorkPlan.objects.visible_to(user), pk=pk).select_related("plan__area").first()
    )
    if task is None:
        raise Http404
    return task


def duty_list(*, user, year: int | None = None) -> QuerySet:
    qs = Duty.objects.visible_to(user).select_related("area")
    return qs.filter(occurred_on__year=year) if year else qs


def plan_task_titles(*, area, year: int) -> list[str]:
    """The tasks of the area's own work plan for `year` (a report's 下一年度工作安排 starts from them)."""
    return list(
        PlanTask.objects.filter(plan__area=area, plan__year=year)
        .order_by("deadline", "id")
        .values_list("title", flat=True)
    )
