from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to, get_visible_or_404
from fazhi.core.concurrency import EditConflict, conflict_response, expected_version, stale_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.exports import export_record
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.people import exports, selectors, services
from fazhi.people.choices import TAG
from fazhi.people.forms import (
    HouseholdFilterForm,
    HouseholdForm,
    ImportForm,
    ResidentFilterForm,
    ResidentForm,
    RevealForm,
)
from fazhi.people.id_lookup import id_lookup_record, id_lookup_refused, is_id_number
from fazhi.people.models import Household, ImportJob, Resident
from fazhi.people.timeline import resident_timeline


def _grids(user):
    return areas_visible_to(user, Module.PEOPLE, CHANGE).filter(level=Level.GRID).current().order_by("path")


def _households(user):
    return Household.objects.visible_to(user, CHANGE).select_related("area").order_by("area__path", "number")


@require_perm("people.view")
def resident_list_view(request):
    # The search box takes a full 身份证号 or phone number: the page sends its search by POST, so no such number is
    # ever in a URL — browser history, server and proxy logs, a Referer (个人信息保护法 第五十一条). GET still works.
    data = request.POST if request.method == "POST" else request.GET
    form = ResidentFilterForm(data or None)
    filters = form.cleaned_data if form.is_valid() else {}
    exact_id = is_id_number(filters.get("q", ""))
    if exact_id and (refused := id_lookup_refused(request)):
        return refused
    page = selectors.resident_page(user=request.user, filters=filters, number=data.get("page"))
    if exact_id:
        id_lookup_record(actor=request.user, page="resident_list", hit=page.paginator.count > 0)
    context = {"form": form, "page": page}
    return render_page(request, "people/resident_list.html", context, partial="results")


@require_perm("people.view")
def resident_export_view(request):
    form = ResidentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The export writes masks and the birth year only: no ciphertext is read, none decrypted.
    qs = selectors.resident_list(user=request.user, filters=filters).defer("id_number", "phone", "birth_date")
    response = exports.xlsx_response(
        title=_("居民"),
        headers=exports.resident_headers(),
        rows=exports.resident_rows(qs),
        filename="residents.xlsx",
    )
    # 个人信息保护法 第五十一条: who took which list of residents out, and how many.
    export_record(actor=request.user, model=Resident, export="residents", filters=filters, rows=response.row_count)
    return response


@require_perm("people.view")
def resident_detail_view(request, pk: int):
    resident = selectors.resident_get(user=request.user, pk=pk)
    context = {
        "resident": resident,
        "tag_labels": dict(dictionary_choices(TAG)),
        "tags": [t.code for t in resident.tags.all()],
        "timeline": resident_timeline(user=request.user, resident=resident),
        "can_change": area_in_scope(request.user, Module.PEOPLE, resident.area, CHANGE),
        "reveal_form": RevealForm(),
        "revealed": None,
    }
    return render_page(request, "people/resident_detail.html", context)


@require_POST
@require_perm("people.change")
def resident_reveal_view(request, pk: int):
    resident = selectors.resident_get(user=request.user, pk=pk)
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        try:
            value = services.resident_reveal(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            revealed = {"label": dict(form.fields["field"].choices)[form.cleaned_data["field"]], "value": value}
    context = {
        "resident": resident,
        "tag_labels": dict(dictionary_choices(TAG)),
        "tags": [t.code for t in resident.tags.all()],
        "timeline": resident_timeline(user=request.user, resident=resident),
        "can_change": True,
        "reveal_form": form,
        "revealed": revealed,
    }
    response = render_page(request, "people/resident_detail.html", context, status=200 if revealed else 400)
    response["Cache-Control"] = "no-store"
    return response


@require_perm("people.change")
def resident_create_view(request):
    form = ResidentForm(
        request.POST or None,
        grids=_grids(request.user),
        households=_households(request.user),
        initial={"household": request.GET.get("household")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            resident = services.resident_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记居民“%(n)s”。") % {"n": resident.name})
            return redirect("people:resident_detail", pk=resident.pk)
    return render_page(request, "people/resident_form.html", {"form": form, "title": _("登记居民")})


@require_perm("people.change")
def resident_edit_view(request, pk: int):
    resident = selectors.resident_get(user=request.user, pk=pk)
    if not area_in_scope(request.user, Module.PEOPLE, resident.area, CHANGE):
        raise PermissionDenied
    initial = {
        "area": resident.area_id,
        "household": resident.household_id,
        "name": resident.name,
        "address": resident.address,
        "status": resident.status,
        "note": resident.note,
        "tags": [t.code for t in resident.tags.all()],
    }
    form = ResidentForm(
        request.POST or None,
        grids=_grids(request.user),
        households=_households(request.user),
        initial=initial,
        editing=True,
    )
    back = reverse("people:resident_detail", args=[resident.pk])
    if request.method == "POST" and (refused := stale_response(request, resident, form=form, back_url=back)):
        return refused
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for secret in ("id_number", "phone"):
            if not data[secret]:
                data.pop(secret)  # blank = keep the stored value
        try:
            with expected_version(resident, submitted_version(request.POST)):
                services.resident_update(actor=request.user, resident=resident, **data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(back)
    context = {"form": form, "title": _("修改居民信息"), "record": resident}
    return render_page(request, "people/resident_form.html", context)


@require_perm("people.view")
def household_list_view(request):
    form = HouseholdFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.household_list(user=request.user, filters=filters), 50, request.GET.get("page"))
    return render_page(request, "people/household_list.html", {"form": form, "page": page}, partial="results")


@require_perm("people.view")
def household_export_view(request):
    form = HouseholdFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.household_list(user=request.user, filters=filters)
    response = exports.xlsx_response(
        title=_("户"), headers=exports.household_headers(), rows=exports.household_rows(qs), filename="households.xlsx"
    )
    export_record(actor=request.user, model=Household, export="households", filters=filters, rows=response.row_count)
    return response


@require_perm("people.view")
def household_detail_view(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    residents = selectors.resident_list(user=request.user, filters={"household": household})
    context = {
        "household": household,
        "residents": residents,
        "tag_labels": dict(dictionary_choices(TAG)),
        "can_change": area_in_scope(request.user, Module.PEOPLE, household.area, CHANGE),
    }
    return render_page(request, "people/household_detail.html", context)


@require_perm("people.change")
def household_create_view(request):
    form = HouseholdForm(request.POST or None, grids=_grids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记户“%(n)s”。") % {"n": household.number})
            return redirect("people:household_detail", pk=household.pk)
    return render_page(request, "people/resident_form.html", {"form": form, "title": _("登记户")})


@require_perm("people.change")
def import_template_view(request):
    from django.http import HttpResponse

    from fazhi.people.io import template_workbook

    response = HttpResponse(template_workbook(user=request.user), content_type=exports.XLSX)
    response["Content-Disposition"] = "attachment; filename=resident-import-template.xlsx"
    return response


@require_perm("people.change")
def import_upload_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_check(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("people:import_detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).select_related("actor")[:10]
    return render_page(request, "people/import_upload.html", {"form": form, "jobs": jobs})


@require_perm("people.change")
def import_detail_view(request, pk: int):
    job = get_visible_or_404(ImportJob.objects.select_related("actor"), request.user, pk=pk)
    return render_page(
        request, "people/import_detail.html", {"job": job, "errors": job.errors[:500]}, partial="progress"
    )


@require_POST
@require_perm("people.change")
def import_confirm_view(request, pk: int):
    job = get_visible_or_404(ImportJob.objects, request.user, pk=pk)
    try:
        job = services.import_confirm(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if job.status == ImportJob.Status.DONE:
            messages.success(
                request, _("导入完成：新增 %(c)d 人，更新 %(u)d 人。") % {"c": job.created, "u": job.updated}
            )
    return redirect("people:import_detail", pk=job.pk)


@require_perm("people.change")
def import_annotated_view(request, pk: int):
    from django.http import HttpResponse

    from fazhi.people.io import annotate

    job = get_visible_or_404(ImportJob.objects, request.user, pk=pk)
    with job.file.open("rb") as fh:
        content = annotate(content=fh.read(), errors=job.errors)
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = "attachment; filename=import-errors.xlsx"
    return response
