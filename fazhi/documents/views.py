from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import area_in_scope
from fazhi.core.concurrency import (
    EditConflict,
    conflict_response,
    expected_version,
    stale_response,
    submitted_version,
)
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.documents import selectors, services, workflow
from fazhi.documents.choices import DocumentStatus
from fazhi.documents.forms import (
    CampaignForm,
    CleanupDecisionForm,
    DocumentFilterForm,
    DocumentForm,
    FlagDecisionForm,
    ReviewForm,
    TransitionForm,
)
from fazhi.documents.precheck import precheck


def _can_change(user, obj) -> bool:
    return user.has_perm("documents.change") and area_in_scope(user, Module.DOCUMENTS, obj.area, CHANGE)


@require_perm("documents.view")
def document_list_view(request):
    form = DocumentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    docs = selectors.document_list(
        user=request.user, status=filters.get("status", ""), year=filters.get("year"), q=filters.get("q", "")
    )
    return render_page(
        request, "documents/document_list.html", {"documents": docs, "filter_form": form}, partial="results"
    )


@require_perm("documents.change")
def document_create_view(request):
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.document_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("文件已保存为草稿。"))
            return redirect("documents:document_detail", pk=doc.pk)
    return render_page(request, "documents/document_form.html", {"form": form})


@require_perm("documents.change")
def document_update_view(request, pk: int):
    doc = selectors.document_get(user=request.user, pk=pk)
    initial = {f: getattr(doc, f) for f in ("title", "drafting_unit", "consultation_required", "body")}
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user, editing=True, initial=initial)
    back = reverse("documents:document_detail", args=[doc.pk])
    if request.method == "POST" and (stale := stale_response(request, doc, form=form, back_url=back)):
        return stale
    if request.method == "POST" and form.is_valid():
        try:
            with expected_version(doc, submitted_version(request.POST)):
                services.document_update(actor=request.user, document=doc, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("草案已修改。"))
            return redirect("documents:document_detail", pk=doc.pk)
    return render_page(request, "documents/document_form.html", {"form": form, "document": doc})


def _highlighted(text: str, spans) -> str:
    """Body with suspect passages wrapped in <mark>; everything else escaped. `spans`: (start, end, label, id)."""
    out, pos = [], 0
    for start, end, label, flag_id in sorted(spans):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<mark id="passage-{flag_id}" title="{escape(label)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # every piece above is escaped


def _detail_context(request, doc) -> dict:
    can_change = _can_change(request.user, doc)
    flags = list(doc.flags.select_related("decided_by"))
    current = [f for f in flags if doc.body[f.start : f.end] == f.passage]
    if doc.status == DocumentStatus.DRAFT:
        # before submission: a live preview of what the pre-check will flag
        preview = precheck(doc.body)
        spans = [(f.start, f.end, str(f.rule.label), f"p{i}") for i, f in enumerate(preview)]
    else:
        preview = []
        spans = [(f.start, f.end, f.rule_label, f.pk) for f in current]
    today = timezone.localdate()
    actions = [
        (
            t.action,
            workflow.ACTION_LABELS[t.action],
            TransitionForm(action=t.action, initial={"action": t.action, "on": today}),
        )
        for t in workflow.actions_from(doc.status)
    ]
    return {
        "document": doc,
        "flags": flags,
        "preview": preview,
        "highlighted": _highlighted(doc.body, spans),
        "events": doc.events.select_related("actor"),
        "reviews": doc.reviews.all(),
        "can_change": can_change,
        "actions": actions if can_change else [],
        "can_review": can_change and doc.status == DocumentStatus.REVIEWING,
        "flag_form": FlagDecisionForm(),
    }


@require_perm("documents.view")
def document_detail_view(request, pk: int):
    doc = selectors.document_get(user=request.user, pk=pk)
    return render_page(request, "documents/document_detail.html", _detail_context(request, doc))


@require_POST
@require_perm("documents.change")
def document_transition_view(request, pk: int):
    doc = selectors.document_get(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    back = reverse("documents:document_detail", args=[doc.pk])
    if stale := stale_response(request, doc, form=form, back_url=back):
        return stale
    if not form.is_valid():
        for errors in form.errors.values():
            for m in errors:
                messages.error(request, m)
        return redirect("documents:document_detail", pk=doc.pk)
    try:
        with expected_version(doc, submitted_version(request.POST)):
            services.document_transition(actor=request.user, document=doc, **form.cleaned_data)
    except EditConflict as conflict:
        return conflict_response(request, conflict, form=form, back_url=back)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("已办理：%(a)s") % {"a": workflow.ACTION_LABELS[form.cleaned_data["action"]]})
    return redirect("documents:document_detail", pk=doc.pk)


@require_perm("documents.change")
def document_review_view(request, pk: int):
    doc = selectors.document_get(user=request.user, pk=pk)
    initial = {"on": timezone.localdate(), "reviewer_name": request.user.display_name}
    form = ReviewForm(request.POST or None, initial=initial)
    back = reverse("documents:document_detail", args=[doc.pk])
    if request.method == "POST" and (stale := stale_response(request, doc, form=form, back_url=back)):
        return stale
    if request.method == "POST" and form.is_valid():
        try:
            with expected_version(doc, submitted_version(request.POST)):
                services.document_review(actor=request.user, document=doc, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("合法性审核意见已出具。"))
            return redirect("documents:document_detail", pk=doc.pk)
    context = _detail_context(request, doc) | {"form": form}
    return render_page(request, "documents/document_review.html", context)


@require_POST
@require_perm("documents.change")
def flag_decide_view(request, pk: int, flag_pk: int):
    doc = selectors.document_get(user=request.user, pk=pk)
    flag = get_object_or_404(doc.flags, pk=flag_pk)
    form = FlagDecisionForm(request.POST)
    back = reverse("documents:document_detail", args=[doc.pk])
    if refused := stale_response(request, flag, form=form, back_url=back):
        return refused
    error = ""
    if form.is_valid():
        try:
            with expected_version(flag, submitted_version(request.POST)):
                services.flag_decide(actor=request.user, flag=flag, on=timezone.localdate(), **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("请选择“确认”或“排除”。")
    if error and not request.htmx:
        messages.error(request, error)
    if not request.htmx:
        return redirect("documents:document_detail", pk=doc.pk)
    doc.refresh_from_db()
    context = _detail_context(request, doc) | {"flag_error": error, "flag_error_id": flag.pk}
    return render_page(request, "documents/document_detail.html", context, partial="flags")


@require_perm("documents.view")
def campaign_list_view(request):
    context = {"campaigns": selectors.campaign_list(user=request.user)}
    return render_page(request, "documents/campaign_list.html", context)


@require_perm("documents.change")
def campaign_create_view(request):
    form = CampaignForm(request.POST or None, user=request.user, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("清理已启动，已列出现行有效的规范性文件。"))
            return redirect("documents:campaign_detail", pk=campaign.pk)
    return render_page(request, "documents/campaign_form.html", {"form": form})


@require_perm("documents.view")
def campaign_detail_view(request, pk: int):
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    items = campaign.items.select_related("document")
    context = {
        "campaign": campaign,
        "items": items,
        "can_change": _can_change(request.user, campaign),
        "decision_form": CleanupDecisionForm(initial={"on": timezone.localdate()}),
    }
    return render_page(request, "documents/campaign_detail.html", context)


@require_POST
@require_perm("documents.change")
def cleanup_decide_view(request, pk: int, item_pk: int):
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    item = get_object_or_404(campaign.items, pk=item_pk)
    form = CleanupDecisionForm(request.POST)
    back = reverse("documents:campaign_detail", args=[campaign.pk])
    if refused := stale_response(request, item, form=form, back_url=back):
        return refused
    if not form.is_valid():
        messages.error(request, _("请选择清理结论并填写有效的日期。"))
    else:
        try:
            with expected_version(item, submitted_version(request.POST)):
                services.cleanup_decide(actor=request.user, item=item, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("清理结论已记录。"))
    return redirect("documents:campaign_detail", pk=campaign.pk)
