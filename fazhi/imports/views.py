"""The import pages of every record type: template, upload and dry run, the batch with its progress, confirmation,
and the annotated copy of a file with errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.excel import XLSX
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.imports import engine, selectors, services, workbook
from fazhi.imports.forms import UploadForm
from fazhi.imports.specs import spec_get


def _spec(request, kind: str):
    """The kind's spec, for a user who may change its module's records (403 otherwise; unknown kind 404)."""
    spec = spec_get(kind, user=request.user)
    if not request.user.has_perm(f"{spec.module}.change"):
        raise PermissionDenied
    return spec


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename={filename}"
    return response


@login_required
def batch_template_view(request, kind: str):
    spec = _spec(request, kind)
    columns = engine.spec_columns(spec, request.user)
    key = workbook.key_text(spec.key, columns)
    content = workbook.template_workbook(label=spec.label, columns=columns, example=spec.example, key=key)
    return _xlsx(content, f"import-template-{spec.kind}.xlsx")


@login_required
def batch_upload_view(request, kind: str):
    spec = _spec(request, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_check(actor=request.user, spec=spec, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("imports:batch_detail", kind=kind, pk=batch.pk)
    columns = engine.spec_columns(spec, request.user)
    context = {
        "spec": spec,
        "form": form,
        "key": workbook.key_text(spec.key, columns),
        "batches": selectors.batch_list(user=request.user, kind=kind)[:10],
        "back": reverse(spec.list_url[0], args=spec.list_url[1:]) if spec.list_url else "",
    }
    return render_page(request, "imports/upload.html", context)


@login_required
def batch_detail_view(request, kind: str, pk: int):
    spec = _spec(request, kind)
    batch = selectors.batch_get(user=request.user, kind=kind, pk=pk)
    context = {"spec": spec, "batch": batch, "errors": batch.errors[:500]}
    return render_page(request, "imports/detail.html", context, partial="progress")


@require_POST
@login_required
def batch_confirm_view(request, kind: str, pk: int):
    _spec(request, kind)
    batch = selectors.batch_get(user=request.user, kind=kind, pk=pk)
    try:
        batch = services.batch_confirm(actor=request.user, batch=batch)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if batch.status == batch.Status.DONE:
            messages.success(
                request, _("导入完成：新增 %(c)d 条，已存在跳过 %(s)d 条。") % {"c": batch.created, "s": batch.skipped}
            )
    return redirect("imports:batch_detail", kind=kind, pk=batch.pk)


@login_required
def batch_annotated_view(request, kind: str, pk: int):
    _spec(request, kind)
    batch = selectors.batch_get(user=request.user, kind=kind, pk=pk)
    with batch.file.open("rb") as fh:
        content = workbook.annotate(content=fh.read(), errors=batch.errors)
    return _xlsx(content, "import-errors.xlsx")
