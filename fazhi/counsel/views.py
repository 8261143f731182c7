from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.counsel import selectors, services
from fazhi.counsel.forms import AdviserForm, ConsultationForm, DutyDayForm, OpinionForm
from fazhi.counsel.models import Adviser


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year - 1


def _areas(user, levels):
    return areas_visible_to(user, Module.COUNSEL, CHANGE).current().filter(level__in=levels).order_by("path")


@require_perm("counsel.view")
def home_view(request):
    year = _year(request)
    context = {
        "year": year,
        "advisers": selectors.adviser_list(user=request.user, year=year),
        "consultations": selectors.consultation_list(user=request.user, year=year)[:100],
    }
    return render_page(request, "counsel/home.html", context)


def _create(request, form, call, title: str, success):
    if request.method == "POST" and form.is_valid():
        try:
            obj = call(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(*success(obj))
    return render_page(request, "counsel/form.html", {"form": form, "title": title})


@require_perm("counsel.change")
def adviser_create_view(request):
    form = AdviserForm(request.POST or None, areas=_areas(request.user, [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]))
    return _create(
        request,
        form,
        lambda **d: services.adviser_create(actor=request.user, **d),
        _("登记法律顾问"),
        lambda a: ("counsel:adviser_detail", a.pk),
    )


@require_perm("counsel.change")
def consultation_create_view(request):
    advisers = Adviser.objects.visible_to(request.user).order_by("name")
    form = ConsultationForm(
        request.POST or None, areas=_areas(request.user, [Level.TOWNSHIP, Level.VILLAGE]), advisers=advisers
    )
    return _create(
        request,
        form,
        lambda **d: services.consultation_create(actor=request.user, **d),
        _("登记法律咨询"),
        lambda c: ("counsel:home",),
    )


@require_perm("counsel.view")
def adviser_detail_view(request, pk: int):
    adviser = selectors.adviser_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.COUNSEL, adviser.area, CHANGE)
    action = request.POST.get("action") if request.method == "POST" else None
    duty_form = DutyDayForm(request.POST if action == "duty" else None, prefix="duty")
    opinion_form = OpinionForm(request.POST if action == "opinion" else None, prefix="opinion")
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form, service = (duty_form, services.duty_day_add) if action == "duty" else (opinion_form, services.opinion_add)
        if action in {"duty", "opinion"} and form.is_valid():
            try:
                service(actor=request.user, adviser=adviser, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("counsel:adviser_detail", pk=adviser.pk)
    context = {
        "adviser": adviser,
        "duty_days": adviser.duty_days.all()[:100],
        "opinions": adviser.opinions.all()[:100],
        "duty_form": duty_form,
        "opinion_form": opinion_form,
        "can_change": can_change,
    }
    return render_page(request, "counsel/adviser_detail.html", context)
