from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import area_in_scope
from fazhi.core.concurrency import EditConflict, conflict_response, expected_version, stale_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.decisions import forms, selectors, services, workflow
from fazhi.decisions.archive import decision_archive
from fazhi.decisions.models import DecisionStatus, PublicComment

# One POST endpoint per procedure step: form to parse, service to call.
STEPS = {
    "participation": (forms.ParticipationForm, services.participation_record),
    "comment": (forms.CommentRecordForm, services.comment_record),
    "expert": (forms.ExpertOpinionForm, services.expert_opinion_add),
    "risk": (forms.RiskForm, services.risk_record),
    "review": (forms.ReviewForm, services.review_record),
    "discussion": (forms.DiscussionForm, services.discussion_record),
    "statement": (forms.StatementForm, services.statement_add),
    "implementation": (forms.ImplementationForm, services.implementation_record),
    "evaluation": (forms.EvaluationForm, services.evaluation_record),
}


def _errors(request, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else e)


@require_perm("decisions.view")
def decision_list_view(request):
    f = forms.FilterForm(request.GET or None)
    filters = f.cleaned_data if f.is_valid() else {}
    decisions = selectors.decision_list(user=request.user, year=filters.get("year"), q=filters.get("q") or "")
    context = {"decisions": decisions, "filter": f, "years": selectors.decision_years(user=request.user)}
    return render_page(request, "decisions/decision_list.html", context, partial="results")


@require_perm("decisions.change")
def decision_create_view(request):
    form = forms.DecisionCreateForm(
        request.POST or None,
        user=request.user,
        initial={"year": timezone.localdate().year, "participation_required": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            d = services.decision_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("决策事项已登记。"))
            return redirect("decisions:decision_detail", pk=d.pk)
    return render_page(request, "decisions/decision_form.html", {"form": form})


@require_perm("decisions.change")
def decision_update_view(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    form = forms.DecisionForm(request.POST or None, initial={k: getattr(d, k) for k in services.BASIC_FIELDS})
    back = reverse("decisions:decision_detail", args=[d.pk])
    if request.method == "POST":
        if stale := stale_response(request, d, form=form, back_url=back):
            return stale
        if form.is_valid():
            try:
                with expected_version(d, submitted_version(request.POST)):
                    services.decision_update(actor=request.user, decision=d, **form.cleaned_data)
            except EditConflict as conflict:
                return conflict_response(request, conflict, form=form, back_url=back)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect(back)
    return render_page(request, "decisions/decision_form.html", {"form": form, "decision": d})


def _transition_forms(d) -> list:
    today = timezone.localdate()
    out = []
    for t in workflow.actions_from(d.status):
        form = forms.TransitionForm(initial={"action": t.action, "on": today})
        for name in ("ends_on", "reason", "note"):
            if name not in forms.TRANSITION_FIELDS.get(t.action, []):
                del form.fields[name]
        out.append((t.action, workflow.ACTION_LABELS[t.action], form))
    return out


@require_perm("decisions.view")
def decision_detail_view(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    can_change = request.user.has_perm("decisions.change") and area_in_scope(
        request.user, Module.DECISIONS, d.area, CHANGE
    )
    step_forms = {}
    if can_change:
        for name, (form_class, _service) in STEPS.items():
            fields = form_class.base_fields
            plural = name in ("comment", "expert", "statement")
            step_forms[name] = form_class(initial={} if plural else {k: getattr(d, k) for k in fields})
    context = {
        "decision": d,
        "steps": selectors.decision_steps(decision=d),
        "blockers": services.decide_problems(d, timezone.localdate()) if d.status != DecisionStatus.ANNOUNCED else [],
        "decided": d.discussed_on is not None,
        "can_change": can_change,
        "actions": _transition_forms(d) if can_change else [],
        "catalogue_form": forms.CatalogueForm(initial={"on": timezone.localdate()}),
        "step_forms": step_forms,
        "attachment_form": forms.AttachmentForm(),
        "comments": [
            (c, forms.ModerationForm(initial=_moderation_initial(c))) for c in selectors.comments_for_staff(decision=d)
        ],
        "paragraphs": d.paragraphs,
        "events": d.events.select_related("actor"),
    }
    return render_page(request, "decisions/decision_detail.html", context)


def _moderation_initial(c: PublicComment) -> dict:
    return {"status": c.status, "adopted": {True: "yes", False: "no"}.get(c.adopted, ""), "reply": c.reply}


def _versioned_post(request, d, form, call, success: str):
    """Run one service on a form posted from version N of the decision: a form from an older version gets the
    conflict page (409, both versions) and nothing is saved (core.concurrency)."""
    back = reverse("decisions:decision_detail", args=[d.pk])
    if stale := stale_response(request, d, form=form, back_url=back):
        return stale
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    try:
        with expected_version(d, submitted_version(request.POST)):
            call(**form.cleaned_data)
    except EditConflict as conflict:
        return conflict_response(request, conflict, form=form, back_url=back)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, success)
    return redirect(back)


@require_POST
@require_perm("decisions.change")
def decision_transition_view(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    form = forms.TransitionForm(request.POST)
    label = workflow.ACTION_LABELS.get(request.POST.get("action", ""), "")
    return _versioned_post(
        request,
        d,
        form,
        lambda **data: services.decision_transition(actor=request.user, decision=d, **data),
        _("已办理：%(a)s") % {"a": label},
    )


@require_POST
@require_perm("decisions.change")
def decision_catalogue_view(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    return _versioned_post(
        request,
        d,
        forms.CatalogueForm(request.POST),
        lambda **data: services.catalogue_publish(actor=request.user, decision=d, **data),
        _("已列入年度目录并公布。"),
    )


@require_POST
@require_perm("decisions.change")
def decision_step_view(request, pk: int, step: str):
    d = selectors.decision_get(user=request.user, pk=pk)
    if step not in STEPS:
        raise Http404
    form_class, service = STEPS[step]
    return _versioned_post(
        request,
        d,
        form_class(request.POST),
        lambda **data: service(actor=request.user, decision=d, **data),
        _("已保存。"),
    )


@require_POST
@require_perm("decisions.change")
def decision_attachment_view(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    return _versioned_post(
        request,
        d,
        forms.AttachmentForm(request.POST, request.FILES),
        lambda **data: services.attachment_add(actor=request.user, decision=d, **data),
        _("材料已归档。"),
    )


@require_perm("decisions.view")
def attachment_download_view(request, pk: int):
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@require_POST
@require_perm("decisions.change")
def comment_moderate_view(request, pk: int, comment_pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    comment = get_object_or_404(PublicComment, decision=d, pk=comment_pk)
    return _versioned_post(
        request,
        d,
        forms.ModerationForm(request.POST),
        lambda **data: services.public_comment_moderate(actor=request.user, comment=comment, **data),
        _("意见审核结果已保存。"),
    )


@require_perm("decisions.view")
def decision_archive_view(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    response = HttpResponse(decision_archive(decision=d), content_type="application/zip")
    name = f"{d.year}_{d.title}_决策档案.zip"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
