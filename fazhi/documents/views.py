from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.areas.scoping import area_in_scope, get_visible_or_404
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.documents import workflow
from fazhi.documents.forms import DocumentForm, TransitionForm
from fazhi.documents.models import NormativeDocument
from fazhi.documents.precheck import precheck
from fazhi.documents.services import document_create, document_transition


@require_perm("documents.view")
def document_list_view(request):
    docs = NormativeDocument.objects.visible_to(request.user).select_related("area")
    return render_page(request, "documents/document_list.html", {"documents": docs})


@require_perm("documents.change")
def document_create_view(request):
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            doc = document_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("文件已保存为草稿。"))
            return redirect("documents:document_detail", pk=doc.pk)
    return render_page(request, "documents/document_form.html", {"form": form})


def _highlighted(text: str, findings) -> str:
    """Body with suspect passages wrapped in <mark>; everything else escaped."""
    out, pos = [], 0
    for f in findings:
        if f.start < pos:
            continue
        out.append(escape(text[pos : f.start]))
        out.append(f'<mark title="{escape(str(f.rule.label))}">{escape(f.passage)}</mark>')
        pos = f.end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


@require_perm("documents.view")
def document_detail_view(request, pk: int):
    doc = get_visible_or_404(NormativeDocument.objects.select_related("area"), request.user, pk=pk)
    findings = precheck(doc.body)
    can_change = request.user.has_perm("documents.change") and area_in_scope(
        request.user, "documents", doc.area, "change"
    )
    actions = [
        (
            t.action,
            workflow.ACTION_LABELS[t.action],
            TransitionForm(initial={"action": t.action, "on": timezone.localdate()}),
        )
        for t in workflow.actions_from(doc.status)
    ]
    context = {
        "document": doc,
        "findings": findings,
        "highlighted": _highlighted(doc.body, findings),
        "events": doc.events.select_related("actor"),
        "actions": actions if can_change else [],
    }
    return render_page(request, "documents/document_detail.html", context)


@require_POST
@require_perm("documents.change")
def document_transition_view(request, pk: int):
    doc = get_visible_or_404(NormativeDocument.objects, request.user, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写有效的日期。"))
        return redirect("documents:document_detail", pk=doc.pk)
    try:
        document_transition(actor=request.user, document=doc, **form.cleaned_data)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("已办理：%(a)s") % {"a": workflow.ACTION_LABELS[form.cleaned_data["action"]]})
    return redirect("documents:document_detail", pk=doc.pk)
