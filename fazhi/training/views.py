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
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.core.quick_entry import after_create, copy_url, create_series, entry_initial
from fazhi.training import selectors, services
from fazhi.training.forms import (
    AttendanceForm,
    CadreForm,
    ExamForm,
    RequirementForm,
    ScoreForm,
    SessionFilterForm,
    SessionForm,
    SessionSeriesForm,
)
from fazhi.training.models import Cadre


def _unit_areas(user):
    return (
        areas_visible_to(user, Module.TRAINING, CHANGE)
        .current()
        .filter(level__in=[Level.COUNTY, Level.TOWNSHIP])
        .order_by("path")
    )


def _cadres(user):
    return Cadre.objects.visible_to(user, CHANGE).filter(active=True).order_by("name")


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def _save(request, form, call, message: str | None):
    """Run a service for a valid POSTed form; None when the form is to be shown again (with errors)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(**form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    if message:  # else the caller words the message, naming what was saved
        messages.success(request, message)
    return result


@require_perm("training.view")
def session_list_view(request):
    form = SessionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.session_list(user=request.user, year=filters.get("year"), kind=filters.get("kind"))
    page = paginate(qs, 30, request.GET.get("page"))
    return render_page(request, "training/session_list.html", {"form": form, "page": page}, partial="results")


@require_perm("training.change")
def session_create_view(request):
    get = lambda pk: selectors.session_get(user=request.user, pk=pk)  # noqa: E731
    initial = {"held_on": timezone.localdate(), **entry_initial(request, SessionForm, get_record=get)}
    form = SessionForm(
        request.POST or None, initial=initial, areas=_unit_areas(request.user), cadres=_cadres(request.user)
    )
    session = _save(request, form, lambda **data: services.session_create(actor=request.user, **data), None)
    if session:
        message = _("已登记学法培训“%(topic)s”（%(day)s）。") % {"topic": session.topic, "day": session.held_on}
        return after_create(
            request, form=form, message=message, detail_url=reverse("training:session_detail", args=[session.pk])
        )
    context = {"form": form, "title": _("登记学法培训"), "series_url": reverse("training:session_series")}
    return render_page(request, "training/form.html", context)


@require_perm("training.change")
def session_series_view(request):
    """Recurring sessions in one form: one session per date through `session_create`, all or nothing."""
    form = SessionSeriesForm(request.POST or None, areas=_unit_areas(request.user), cadres=_cadres(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        dates = data.pop("dates")
        try:
            sessions = create_series(
                dates=dates,
                create=lambda day: services.session_create(actor=request.user, held_on=day, **data),
            )
        except ValidationError as exc:
            form.add_error("dates", exc)
        else:
            messages.success(
                request, _("已按日期登记学法培训“%(topic)s”%(n)d 次。") % {"topic": data["topic"], "n": len(sessions)}
            )
            return redirect("training:session_list")
    return render_page(request, "training/form.html", {"form": form, "title": _("按日期批量登记学法培训")})


@require_perm("training.view")
def session_detail_view(request, pk: int):
    session = selectors.session_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.TRAINING, session.area, CHANGE)
    form = AttendanceForm(request.POST or None, cadres=selectors.cadres_for(area=session.area))
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if (
            _save(
                request,
                form,
                lambda **data: services.attendance_add(actor=request.user, session=session, **data),
                _("已登记参学干部。"),
            )
            is not None
        ):
            return redirect("training:session_detail", pk=session.pk)
    attendance = session.attendance.select_related("cadre").order_by("cadre__name")
    context = {"session": session, "attendance": attendance, "form": form, "can_change": can_change}
    if can_change:
        context["copy_url"] = copy_url(reverse("training:session_create"), session)
    return render_page(request, "training/session_detail.html", context)


@require_perm("training.view")
def cadre_list_view(request):
    year = _year(request)
    form = CadreForm(request.POST or None, areas=_unit_areas(request.user))
    if request.method == "POST":
        if not request.user.has_perm("training.change"):
            raise PermissionDenied
        if _save(request, form, lambda **data: services.cadre_create(actor=request.user, **data), _("已登记干部。")):
            return redirect("training:cadre_list")
    context = {"year": year, "cadres": selectors.cadre_list(user=request.user, year=year), "form": form}
    return render_page(request, "training/cadre_list.html", context)


@require_perm("training.view")
def exam_list_view(request):
    form = ExamForm(request.POST or None, areas=_unit_areas(request.user))
    if request.method == "POST":
        if not request.user.has_perm("training.change"):
            raise PermissionDenied
        exam = _save(request, form, lambda **data: services.exam_create(actor=request.user, **data), _("已登记考试。"))
        if exam:
            return redirect("training:exam_detail", pk=exam.pk)
    return render_page(
        request, "training/exam_list.html", {"exams": selectors.exam_list(user=request.user), "form": form}
    )


@require_perm("training.view")
def exam_detail_view(request, pk: int):
    exam = selectors.exam_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.TRAINING, exam.area, CHANGE)
    form = ScoreForm(request.POST or None, cadres=selectors.cadres_for(area=exam.area))
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if _save(
            request,
            form,
            lambda **data: services.score_record(actor=request.user, exam=exam, **data),
            _("已登记成绩。"),
        ):
            return redirect("training:exam_detail", pk=exam.pk)
    scores = exam.scores.select_related("cadre").order_by("-score")
    rate = exam.n_passed / exam.n_taken if exam.n_taken else None
    context = {"exam": exam, "scores": scores, "form": form, "can_change": can_change, "pass_rate": rate}
    return render_page(request, "training/exam_detail.html", context)


@require_perm("system.view")
def requirement_list_view(request):
    form = RequirementForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("system.change"):
            raise PermissionDenied
        if _save(
            request,
            form,
            lambda **data: services.requirement_set(actor=request.user, **data),
            _("已更新学法培训要求。"),
        ):
            return redirect("training:requirement_list")
    return render_page(request, "training/requirement_list.html", {"rows": selectors.requirement_rows(), "form": form})
