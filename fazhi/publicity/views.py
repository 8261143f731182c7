from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.core.decorators import require_perm
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.metrics import Period
from fazhi.core.pagination import paginate
from fazhi.core.quick_entry import after_create, copy_url, create_series, entry_initial
from fazhi.publicity import selectors, services
from fazhi.publicity.choices import AUDIENCE, FORM, MATERIAL, THEME
from fazhi.publicity.forms import (
    AccountForm,
    ActivityFilterForm,
    ActivityForm,
    ActivitySeriesForm,
    MaterialFormSet,
    PlanForm,
    PlanItemForm,
    PostForm,
    ReachForm,
    SeriesForm,
)
from fazhi.publicity.population import population_shares


def _report_year() -> int:
    return timezone.localdate().year - 1


def _areas(user, levels):
    return areas_visible_to(user, Module.PUBLICITY, CHANGE).current().filter(level__in=levels).order_by("path")


def _labels() -> dict:
    return {
        "forms": dict(dictionary_choices(FORM)),
        "themes": dict(dictionary_choices(THEME)),
        "audiences": dict(dictionary_choices(AUDIENCE)),
        "materials": dict(dictionary_choices(MATERIAL)),
    }


@require_perm("publicity.view")
def activity_list_view(request):
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.activity_list(user=request.user, filters=filters), 30, request.GET.get("page"))
    context = {"form": form, "page": page, **_labels()}
    return render_page(request, "publicity/activity_list.html", context, partial="results")


@require_perm("publicity.view")
def activity_detail_view(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    context = {"activity": activity, **_labels()}
    if area_in_scope(request.user, Module.PUBLICITY, activity.area, CHANGE):
        context["copy_url"] = copy_url(reverse("publicity:activity_create"), activity)
    return render_page(request, "publicity/activity_detail.html", context)


@require_perm("publicity.change")
def activity_create_view(request):
    areas = _areas(request.user, [Level.TOWNSHIP, Level.VILLAGE])
    plan_items = selectors.plan_item_choices(user=request.user)
    data = request.POST or None
    get = lambda pk: selectors.activity_get(user=request.user, pk=pk)  # noqa: E731
    initial = {"held_on": timezone.localdate(), **entry_initial(request, ActivityForm, get_record=get)}
    form = ActivityForm(data, request.FILES or None, initial=initial, areas=areas, plan_items=plan_items)
    formset = MaterialFormSet(data, prefix="m")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        materials = [
            services.MaterialInput(
                kind=f.cleaned_data["kind"],
                mode=f.cleaned_data["mode"],
                quantity=f.cleaned_data["quantity"],
                unit=f.cleaned_data.get("unit") or "",
                approximate=f.cleaned_data.get("approximate", False),
            )
            for f in formset
            if f.cleaned_data and not f.is_blank()
        ]
        cleaned = {k: v for k, v in form.cleaned_data.items() if k not in form.audience_fields}
        try:
            activity = services.activity_create(
                actor=request.user, audiences=form.audiences(), materials=materials, **cleaned
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message = _("已登记普法活动“%(title)s”（%(day)s）。") % {"title": activity.title, "day": activity.held_on}
            detail = reverse("publicity:activity_detail", args=[activity.pk])
            return after_create(request, form=form, message=message, detail_url=detail)
    context = {"form": form, "formset": formset, "series_url": reverse("publicity:activity_series")}
    return render_page(request, "publicity/activity_form.html", context)


@require_perm("publicity.change")
def activity_series_view(request):
    """Recurring activities in one form: one activity per date through `activity_create`, all or nothing."""
    areas = _areas(request.user, [Level.TOWNSHIP, Level.VILLAGE])
    plan_items = selectors.plan_item_choices(user=request.user)
    form = ActivitySeriesForm(request.POST or None, areas=areas, plan_items=plan_items)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in form.audience_fields}
        dates, audiences = data.pop("dates"), form.audiences()
        try:
            activities = create_series(
                dates=dates,
                create=lambda day: services.activity_create(
                    actor=request.user, held_on=day, audiences=audiences, **data
                ),
            )
        except ValidationError as exc:
            form.add_error("dates", exc)
        else:
            messages.success(
                request, _("已按日期登记普法活动“%(title)s”%(n)d 次。") % {"title": data["title"], "n": len(activities)}
            )
            return redirect("publicity:activity_list")
    return render_page(request, "publicity/activity_form.html", {"form": form, "series": True})


@require_perm("publicity.view")
def plan_list_view(request):
    form = PlanForm(request.POST or None, areas=_areas(request.user, [Level.COUNTY, Level.TOWNSHIP]))
    if request.method == "POST":
        if not request.user.has_perm("publicity.change"):
            raise PermissionDenied
        if form.is_valid():
            try:
                plan = services.plan_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已新建年度普法计划。"))
                return redirect("publicity:plan_detail", pk=plan.pk)
    context = {"plans": selectors.plan_list(user=request.user), "form": form}
    return render_page(request, "publicity/plan_list.html", context)


@require_perm("publicity.view")
def plan_detail_view(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.PUBLICITY, plan.area, CHANGE)
    form = PlanItemForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.plan_item_add(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已添加计划事项。"))
                return redirect("publicity:plan_detail", pk=plan.pk)
    items = list(selectors.plan_items(plan=plan))
    key_dates = selectors.key_dates(year=plan.year)
    for kd in key_dates:
        kd["planned"] = any(kd["start"] <= i.due_by <= kd["end"] for i in items)
    context = {
        "plan": plan,
        "items": items,
        "form": form,
        "can_change": can_change,
        "key_dates": key_dates,
        **_labels(),
    }
    return render_page(request, "publicity/plan_detail.html", context)


@require_perm("publicity.view")
def media_view(request):
    context = {
        "accounts": selectors.account_list(user=request.user),
        "series": selectors.series_list(user=request.user),
        "posts": selectors.post_list(user=request.user)[:50],
        **_labels(),
    }
    return render_page(request, "publicity/media.html", context)


def _simple_create(request, form, service, success_message: str, title: str):
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success_message)
            return redirect("publicity:media")
    return render_page(request, "publicity/form.html", {"form": form, "title": title})


@require_perm("publicity.change")
def account_create_view(request):
    form = AccountForm(request.POST or None, areas=_areas(request.user, [Level.COUNTY, Level.TOWNSHIP]))
    return _simple_create(request, form, services.account_create, _("已登记账号。"), _("登记新媒体账号"))


def _changeable_accounts(user):
    visible = selectors.account_list(user=user)
    return visible.filter(pk__in=[a.pk for a in visible if area_in_scope(user, Module.PUBLICITY, a.area, CHANGE)])


@require_perm("publicity.change")
def series_create_view(request):
    form = SeriesForm(request.POST or None, accounts=_changeable_accounts(request.user))
    return _simple_create(request, form, services.series_create, _("已登记系列。"), _("登记系列节目"))


@require_perm("publicity.change")
def post_create_view(request):
    accounts = _changeable_accounts(request.user)
    form = PostForm(
        request.POST or None,
        accounts=accounts,
        series=selectors.series_list(user=request.user).filter(account__in=accounts),
    )
    return _simple_create(request, form, services.post_create, _("已登记推送。"), _("登记推送"))


@require_perm("publicity.view")
def reach_view(request):
    townships = areas_visible_to(request.user, Module.PUBLICITY).current().filter(level=Level.TOWNSHIP).order_by("path")
    initial = {"year": _report_year(), "area": townships.first()}
    form = ReachForm(request.GET or None, areas=townships, initial=initial)
    result = None
    if form.is_valid():
        area, year = form.cleaned_data["area"], form.cleaned_data["year"]
    else:
        area, year = initial["area"], initial["year"]
    if area is not None:
        period = Period.year(year)
        population, source = population_shares(user=request.user, area=area, on=period.end)
        result = selectors.reach(area=area, period=period, population=population)
        result.population_source = source
    return render_page(request, "publicity/reach.html", {"form": form, "result": result, "year": year})
