"""Every write of the leadership app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.leadership.choices import GroupPost
from fazhi.leadership.models import Duty, GroupMember, LeadingGroup, Meeting, PlanTask, WorkPlan

UNIT_LEVELS = {Level.COUNTY, Level.TOWNSHIP}


def _check_unit_area(area: Area) -> None:
    if area.level not in UNIT_LEVELS:
        raise ValidationError({"area": _("领导小组、会议、工作计划和第一责任人履职只能登记在乡镇或县一级。")})


def group_create(*, actor, area: Area, name: str, established_on: datetime.date, document_no: str = "") -> LeadingGroup:
    require_area_writable(actor, Module.LEADERSHIP, area)
    _check_unit_area(area)
    with transaction.atomic():
        group = LeadingGroup(area=area, name=name.strip(), established_on=established_on, document_no=document_no)
        group.full_clean()
        group.save()
    return group


def member_add(
    *, actor, group: LeadingGroup, name: str, title: str, post: str, valid_from: datetime.date
) -> GroupMember:
    if actor is not None:
        require_change(actor, group)
    if valid_from < group.established_on:
        raise ValidationError({"valid_from": _("任职起始不能早于领导小组成立日期。")})
    with transaction.atomic():
        if post == GroupPost.LEADER:
            # 双组长 is the seed's arrangement; more than two current 组长 is a data-entry slip.
            current = group.members.select_for_update().filter(post=GroupPost.LEADER, valid_to__isnull=True).count()
            if current >= 2:
                raise ValidationError({"post": _("领导小组最多设两名组长（双组长），请先结束一名现任组长。")})
        member = GroupMember(group=group, name=name.strip(), title=title.strip(), post=post, valid_from=valid_from)
        member.full_clean()
        member.save()
    return member


def member_end(*, actor, member: GroupMember, on: datetime.date) -> GroupMember:
    if actor is not None:
        require_change(actor, member.group)
    if member.valid_to is not None:
        raise ValidationError(_("该成员已离任。"))
    if on < member.valid_from:
        raise ValidationError({"valid_to": _("任职截止日期不能早于起始日期。")})
    with transaction.atomic():
        member.valid_to = on
        member.full_clean()
        member.save(update_fields=["valid_to"])
    return member


def meeting_create(
    *,
    actor,
    area: Area,
    kind: str,
    held_on: datetime.date,
    topic: str,
    decisions: str = "",
    hears_annual_report: bool = False,
) -> Meeting:
    require_area_writable(actor, Module.LEADERSHIP, area)
    _check_unit_area(area)
    with transaction.atomic():
        meeting = Meeting(
            area=area,
            kind=kind,
            held_on=held_on,
            topic=topic.strip(),
            decisions=decisions,
            hears_annual_report=hears_annual_report,
        )
        meeting.full_clean()
        meeting.save()
    return meeting


def plan_create(*, actor, area: Area, year: int, title: str = "") -> WorkPlan:
    require_area_writable(actor, Module.LEADERSHIP, area)
    _check_unit_area(area)
    if WorkPlan.objects.filter(area=area, year=year).exists():
        raise ValidationError({"year": _("%(year)s年度工作计划已存在。") % {"year": year}})
    with transaction.atomic():
        plan = WorkPlan(
            area=area, year=year, title=title.strip() or _("%(year)s年法治政府建设工作要点") % {"year": year}
        )
        plan.full_clean()
        plan.save()
    return plan


def task_add(
    *,
    actor,
    plan: WorkPlan,
    title: str,
    owner: str,
    unit: str,
    deadline: datetime.date,
    progress: str = "",
    evidence: str = "",
) -> PlanTask:
    if actor is not None:
        require_change(actor, plan)
    if deadline.year != plan.year:
        raise ValidationError({"deadline": _("完成时限须在计划年度（%(year)s年）内。") % {"year": plan.year}})
    with transaction.atomic():
        task = PlanTask(
            plan=plan, title=title.strip(), owner=owner.strip(), unit=unit.strip(), deadline=deadline, evidence=evidence
        )
        if progress:
            task.progress = progress
        task.full_clean()
        task.save()
    return task


def task_update(*, actor, task: PlanTask, progress: str, evidence: str) -> PlanTask:
    if actor is not None:
        require_change(actor, task.plan)
    with transaction.atomic():
        task.progress = progress
        task.evidence = evidence
        task.full_clean()
        task.save(update_fields=["progress", "evidence"])
    return task


def duty_create(
    *,
    actor,
    area: Area,
    kind: str,
    person: str,
    person_title: str,
    occurred_on: datetime.date,
    content: str,
    done: bool = True,
) -> Duty:
    require_area_writable(actor, Module.LEADERSHIP, area)
    _check_unit_area(area)
    with transaction.atomic():
        duty = Duty(
            area=area,
            kind=kind,
            person=person.strip(),
            person_title=person_title.strip(),
            occurred_on=occurred_on,
            content=content,
            done=done,
        )
        duty.full_clean()
        duty.save()
    return duty
