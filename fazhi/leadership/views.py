from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.core.concurrency import EditConflict, conflict_response, expected_version, stale_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.leadership import selectors, services
from fazhi.leadership.forms import (
    DutyForm,
    GroupForm,
    MeetingForm,
    MemberEndForm,
    MemberForm,
    PlanForm,
    TaskForm,
    TaskUpdateForm,
)


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year - 1  # the year being reported on


def _unit_areas(user):
    return areas_visible_to(user, Module.LEADERSHIP, CHANGE).current().filter(level__in=[Level.COUNTY, Level.TOWNSHIP])


@require_perm("leadership.view")
def home_view(request):
    year = _year(request)
    context = {
        "year": year,
        "groups": selectors.group_list(user=request.user),
        "meetings": selectors.meeting_list(user=request.user, year=year),
        "plans": selectors.plan_list(user=request.user, year=year),
        "duties": selectors.duty_list(user=request.user, year=year),
    }
    return render_page(request, "leadership/home.html", context)


def _create(request, *, form_class, service, title: str, success, **form_kwargs):
    form = form_class(request.POST or None, areas=_unit_areas(request.user), **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            obj = service(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(success(obj))
    return render_page(request, "leadership/form.html", {"form": form, "title": title})


@require_perm("leadership.change")
def group_create_view(request):
    return _create(
        request,
        form_class=GroupForm,
        service=services.group_create,
        title=_("新建领导小组"),
        success=lambda g: reverse("leadership:group_detail", args=[g.pk]),
    )


@require_perm("leadership.change")
def meeting_create_view(request):
    return _create(
        request,
        form_class=MeetingForm,
        service=services.meeting_create,
        title=_("登记会议"),
        success=lambda m: f"{reverse('leadership:home')}?year={m.held_on.year}",
    )


@require_perm("leadership.change")
def plan_create_view(request):
    return _create(
        request,
        form_class=PlanForm,
        service=services.plan_create,
        title=_("新建年度工作计划"),
        success=lambda p: reverse("leadership:plan_detail", args=[p.pk]),
    )


@require_perm("leadership.change")
def duty_create_view(request):
    return _create(
        request,
        form_class=DutyForm,
        service=services.duty_create,
        title=_("登记第一责任人履职"),
        success=lambda d: f"{reverse('leadership:home')}?year={d.occurred_on.year}",
    )


@require_perm("leadership.view")
def group_detail_view(request, pk: int):
    group = selectors.group_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.LEADERSHIP, group.area, CHANGE)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.member_add(actor=request.user, group=group, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已添加成员。"))
                return redirect("leadership:group_detail", pk=group.pk)
    context = {
        "group": group,
        "form": form,
        "can_change": can_change,
        "end_form": MemberEndForm(),
        "today": timezone.localdate(),
    }
    return render_page(request, "leadership/group_detail.html", context)


@require_POST
@require_perm("leadership.change")
def member_end_view(request, pk: int):
    member = selectors.member_get(user=request.user, pk=pk)
    form = MemberEndForm(request.POST)
    back = reverse("leadership:group_detail", args=[member.group_id])
    if refused := stale_response(request, member, form=form, back_url=back):
        return refused
    if form.is_valid():
        try:
            with expected_version(member, submitted_version(request.POST)):
                services.member_end(actor=request.user, member=member, on=form.cleaned_data["valid_to"])
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("成员已离任，记录保留在历史中。"))
    else:
        messages.error(request, _("请填写有效的任职截止日期。"))
    return redirect("leadership:group_detail", pk=member.group_id)


@require_perm("leadership.view")
def plan_detail_view(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.LEADERSHIP, plan.area, CHANGE)
    form = TaskForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.task_add(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已添加任务。"))
                return redirect("leadership:plan_detail", pk=plan.pk)
    tasks = plan.tasks.all()
    context = {"plan": plan, "tasks": tasks, "form": form, "can_change": can_change, "update_form": TaskUpdateForm}
    return render_page(request, "leadership/plan_detail.html", context)


@require_POST
@require_perm("leadership.change")
def task_update_view(request, pk: int):
    task = selectors.task_get(user=request.user, pk=pk)
    form = TaskUpdateForm(request.POST)
    back = reverse("leadership:plan_detail", args=[task.plan_id])
    if refused := stale_response(request, task, form=form, back_url=back):
        return refused
    if form.is_valid():
        try:
            with expected_version(task, submitted_version(request.POST)):
                services.task_update(actor=request.user, task=task, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("进度已更新。"))
    else:
        messages.error(request, _("请选择进度。"))
    return redirect("leadership:plan_detail", pk=task.plan_id)
