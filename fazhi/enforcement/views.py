from auditlog.signals import accessed
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.core.concurrency import EditConflict, conflict_response, expected_version, stale_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.enforcement import forms as f
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import CaseStatus, RecordStep
from fazhi.enforcement.models import CaseRecord, Officer, Publication

M = Module.ENFORCEMENT


def _areas(user):
    levels = [Level.COUNTY, Level.TOWNSHIP]
    return areas_visible_to(user, M, CHANGE).current().filter(level__in=levels).order_by("path")


def _can_change(user, obj) -> bool:
    return area_in_scope(user, M, obj.area, CHANGE)


def _save(request, form, call) -> object | None:
    """Run a service on a valid form; its refusals appear beside the form, nothing is half-saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(**form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, _("已保存。"))
    return result


def _form_page(request, form, title: str, back: str, record=None):
    context = {"form": form, "title": title, "back": back, "record": record}
    return render_page(request, "enforcement/form.html", context)


# --- officers ----------------------------------------------------------------------------------------------------


@require_perm("enforcement.view")
def officer_list_view(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = today.year
    officers = list(selectors.officer_list(user=request.user, year=year))
    for officer in officers:
        officer.flags = selectors.officer_flags(officer, today=today)
    return render_page(request, "enforcement/officer_list.html", {"officers": officers, "year": year})


@require_perm("enforcement.change")
def officer_create_view(request):
    form = f.OfficerForm(request.POST or None, areas=_areas(request.user))
    officer = _save(request, form, lambda **d: services.officer_save(actor=request.user, **d))
    if officer:
        return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, _("登记执法人员"), "enforcement:officer_list")


@require_perm("enforcement.change")
def officer_update_view(request, pk: int):
    officer = selectors.officer_get(user=request.user, pk=pk)
    if not _can_change(request.user, officer):
        raise PermissionDenied
    initial = {k: getattr(officer, k) for k in f.OfficerForm.base_fields}
    form = f.OfficerForm(request.POST or None, areas=_areas(request.user), initial=initial)
    back = reverse("enforcement:officer_detail", args=[officer.pk])
    if request.method == "POST":
        if refused := stale_response(request, officer, form=form, back_url=back):
            return refused
        try:
            with expected_version(officer, submitted_version(request.POST)):
                saved = _save(
                    request, form, lambda **d: services.officer_save(actor=request.user, officer=officer, **d)
                )
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        if saved:
            return redirect(back)
    title = _("修改执法人员：%(n)s") % {"n": officer.name}
    return _form_page(request, form, title, "enforcement:officer_list", record=officer)


@require_perm("enforcement.view")
def officer_detail_view(request, pk: int):
    officer = selectors.officer_get(user=request.user, pk=pk)
    can_change = _can_change(request.user, officer)
    form = f.TrainingForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if _save(request, form, lambda **d: services.training_record_add(actor=request.user, officer=officer, **d)):
            return redirect("enforcement:officer_detail", pk=officer.pk)
    today = timezone.localdate()
    year_hours = selectors.officer_list(user=request.user, year=today.year).get(pk=officer.pk).hours
    officer.hours = year_hours
    context = {
        "officer": officer,
        "flags": selectors.officer_flags(officer, today=today),
        "trainings": officer.trainings.all()[:100],
        "cases": selectors.officer_cases(user=request.user, officer=officer)[:50],
        "form": form,
        "can_change": can_change,
    }
    return render_page(request, "enforcement/officer_detail.html", context)


# --- cases -------------------------------------------------------------------------------------------------------


@require_perm("enforcement.view")
def case_list_view(request):
    form = f.CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.case_list(user=request.user, filters=filters), 30, request.GET.get("page"))
    return render_page(request, "enforcement/case_list.html", {"form": form, "page": page}, partial="results")


@require_perm("enforcement.change")
def case_create_view(request):
    form = f.CaseForm(request.POST or None, areas=_areas(request.user), initial={"opened_on": timezone.localdate()})
    case = _save(request, form, lambda **d: services.case_create(actor=request.user, **d))
    if case:
        return redirect("enforcement:case_detail", pk=case.pk)
    return _form_page(request, form, _("登记执法案件"), "enforcement:case_list")


def _publication(request, case) -> Publication:
    pk = request.POST.get("publication", "")
    publication = next((p for p in case.publications.all() if str(p.pk) == pk), None)
    if publication is None:
        raise ValidationError(_("公示记录不存在。"))
    return publication


@require_perm("enforcement.view")
def case_detail_view(request, pk: int):
    case = selectors.case_get(user=request.user, pk=pk)
    can_change = _can_change(request.user, case)
    action = request.POST.get("action") if request.method == "POST" else None
    today = timezone.localdate()
    officers = Officer.objects.visible_to(request.user).filter(area=case.area).order_by("name")
    user = request.user
    handlers = {
        "assign": (
            f.AssignForm,
            {"officers": officers},
            lambda **d: services.case_officers_assign(actor=user, case=case, **d),
        ),
        "record": (f.RecordForm, {}, lambda **d: services.case_record_add(actor=user, case=case, **d)),
        "review": (f.ReviewForm, {}, lambda **d: services.legal_review_record(actor=user, case=case, **d)),
        "decide": (f.DecideForm, {}, lambda **d: services.case_decide(actor=user, case=case, **d)),
        "publish": (
            f.PublishForm,
            {},
            lambda **d: services.publication_publish(actor=user, publication=_publication(request, case), **d),
        ),
        "revoke": (
            f.RevokeForm,
            {},
            lambda **d: services.publication_revoke(actor=user, publication=_publication(request, case), **d),
        ),
        "withdraw": (
            f.WithdrawForm,
            {},
            lambda **d: services.publication_withdraw(actor=user, publication=_publication(request, case), **d),
        ),
    }
    forms = {}
    for name, (form_class, extra, _call) in handlers.items():
        bound = request.POST if action == name else None
        files = request.FILES if action == name else None
        initial = {"on": today, "reviewed_on": today, "officers": case.officers.all()}
        forms[name] = form_class(bound, files, prefix=name, initial=initial, **extra)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if action in handlers:
            # No lost updates: a form from an older version of the case is refused before validation (core.concurrency).
            back = reverse("enforcement:case_detail", args=[case.pk])
            if stale := stale_response(request, case, form=forms[action], back_url=back):
                return stale
            call = handlers[action][2]

            def versioned(**data):
                with expected_version(case, submitted_version(request.POST)):
                    return call(**data)

            try:
                saved = _save(request, forms[action], versioned)
            except EditConflict as conflict:
                return conflict_response(request, conflict, form=forms[action], back_url=back)
            if saved:
                return redirect(back)
    context = {
        "case": case,
        "forms": forms,
        "can_change": can_change,
        "today": today,
        "undecided": {CaseStatus.OPEN, CaseStatus.LEGAL_REVIEWED},
        "steps": [(label, [r for r in case.records.all() if r.step == value]) for value, label in RecordStep.choices],
    }
    return render_page(request, "enforcement/case_detail.html", context)


@require_perm("enforcement.view")
def case_record_download_view(request, pk: int):
    record: CaseRecord = selectors.case_record_get(user=request.user, pk=pk)
    # 调阅监督: every retrieval of an enforcement record is logged (国办发〔2018〕118号; docs/law.md LE-09)
    accessed.send(sender=CaseRecord, instance=record)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.name)


# --- inspections and joint actions -------------------------------------------------------------------------------


@require_perm("enforcement.view")
def inspection_list_view(request):
    inspections = selectors.inspection_list(user=request.user)[:200]
    return render_page(request, "enforcement/inspection_list.html", {"inspections": inspections})


@require_perm("enforcement.change")
def inspection_create_view(request):
    form = f.InspectionForm(request.POST or None, areas=_areas(request.user))
    inspection = _save(request, form, lambda **d: services.inspection_create(actor=request.user, **d))
    if inspection:
        return redirect("enforcement:inspection_detail", pk=inspection.pk)
    return _form_page(request, form, _("登记执法检查或案卷评查"), "enforcement:inspection_list")


@require_perm("enforcement.view")
def inspection_detail_view(request, pk: int):
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    can_change = _can_change(request.user, inspection)
    action = request.POST.get("action") if request.method == "POST" else None
    problem_form = f.ProblemForm(request.POST if action == "problem" else None, prefix="problem")
    rectify_form = f.RectifyForm(request.POST if action == "rectify" else None, prefix="rectify")
    problems = list(inspection.problems.all())

    def rectify(*, problem: int, **data):
        found = next((p for p in problems if p.pk == problem), None)
        if found is None:
            raise ValidationError(_("问题记录不存在。"))
        return services.problem_rectify(actor=request.user, problem=found, **data)

    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form, call = (
            (problem_form, lambda **d: services.problem_add(actor=request.user, inspection=inspection, **d))
            if action == "problem"
            else (rectify_form, rectify)
        )
        if action in {"problem", "rectify"} and _save(request, form, call):
            return redirect("enforcement:inspection_detail", pk=inspection.pk)
    context = {
        "inspection": inspection,
        "problems": problems,
        "problem_form": problem_form,
        "rectify_form": rectify_form,
        "can_change": can_change,
        "today": timezone.localdate(),
    }
    return render_page(request, "enforcement/inspection_detail.html", context)


@require_perm("enforcement.view")
def joint_action_list_view(request):
    actions = selectors.joint_action_list(user=request.user)[:200]
    return render_page(request, "enforcement/joint_action_list.html", {"actions": actions})


@require_perm("enforcement.change")
def joint_action_create_view(request):
    form = f.JointActionForm(request.POST or None, areas=_areas(request.user))
    if _save(request, form, lambda **d: services.joint_action_create(actor=request.user, **d)):
        return redirect("enforcement:joint_action_list")
    return _form_page(request, form, _("登记联合执法"), "enforcement:joint_action_list")
