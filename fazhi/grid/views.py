from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.models import User
from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to, get_visible_or_404, scope_q
from fazhi.core.concurrency import (
    EditConflict,
    conflict_response,
    expected_version,
    stale_response,
    submitted_version,
)
from fazhi.core.decorators import require_perm
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.exports import export_record
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.core.provenance import onward_links, sources_for
from fazhi.core.quick_entry import after_create, entry_initial
from fazhi.grid import exports, selectors, services
from fazhi.grid.choices import CATEGORY
from fazhi.grid.forms import (
    DuplicateForm,
    MatterFilterForm,
    MatterForm,
    ReplyTemplateForm,
    StaffEndForm,
    StaffForm,
    StaffImportForm,
    TransitionForm,
    VisitFilterForm,
    VisitForm,
)
from fazhi.grid.hooks import TRANSFER_HANDLERS
from fazhi.grid.models import GridStaff, Matter, ReplyTemplate, Visit
from fazhi.grid.workflow import available
from fazhi.people.models import Resident


def _grids(user):
    return areas_visible_to(user, Module.GRID, CHANGE).filter(level=Level.GRID).current().order_by("path")


@require_perm("grid.view")
def grid_list_view(request):
    return render_page(request, "grid/grid_list.html", {"rows": selectors.grid_list(user=request.user)})


@require_perm("grid.view")
def grid_detail_view(request, pk: int):
    grid = selectors.grid_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.GRID, grid, CHANGE)
    form = StaffForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.staff_appoint(actor=request.user, area=grid, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已登记网格工作人员。"))
                return redirect("grid:grid_detail", pk=grid.pk)
    context = {
        "grid": grid,
        "can_change": can_change,
        "form": form,
        "end_form": StaffEndForm(initial={"valid_to": timezone.localdate()}),
        "tag_labels": dict(dictionary_choices("people.tag")),
        **selectors.grid_detail(grid=grid, user=request.user),
    }
    return render_page(request, "grid/grid_detail.html", context)


@require_POST
@require_perm("grid.change")
def staff_end_view(request, pk: int):
    staff = get_visible_or_404(GridStaff.objects, request.user, pk=pk)
    form = StaffEndForm(request.POST)
    back = reverse("grid:grid_detail", args=[staff.area_id])
    if refused := stale_response(request, staff, form=form, back_url=back):
        return refused
    if form.is_valid():
        try:
            with expected_version(staff, submitted_version(request.POST)):
                services.staff_end(actor=request.user, staff=staff, on=form.cleaned_data["valid_to"])
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("任职已结束，历史保留。"))
    else:
        messages.error(request, _("请填写有效的截止日期。"))
    return redirect("grid:grid_detail", pk=staff.area_id)


@require_perm("grid.view")
def matter_list_view(request):
    form = MatterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The list shows neither resident nor handler: joining residents decrypted their ID numbers, and on a county
    # made PostgreSQL hash every resident.
    matters = selectors.matter_list(user=request.user, filters=filters).select_related(None).select_related("area")
    page = paginate(matters, 50, request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "categories": dict(dictionary_choices(CATEGORY)),
        "today": timezone.localdate(),
    }
    return render_page(request, "grid/matter_list.html", context, partial="results")


@require_perm("grid.view")
def matter_export_view(request):
    form = MatterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The sheet names each resident, masked, and nothing else of them: their ciphertexts are neither read nor
    # decrypted, and the handler, whom it does not show, is not joined.
    matters = selectors.matter_list(user=request.user, filters=filters).select_related(None)
    response = exports.matters_xlsx(
        matters.select_related("area", "resident").defer("resident__id_number", "resident__phone")
    )
    # 个人信息保护法 第五十一条: residents' names and what they raised leave the platform; record who, what, how many.
    export_record(actor=request.user, model=Matter, export="matters", filters=filters, rows=response.row_count)
    return response


@require_perm("grid.change")
def matter_create_view(request):
    residents = Resident.objects.visible_to(request.user)
    get = lambda pk: selectors.matter_get(user=request.user, pk=pk)  # noqa: E731
    form = MatterForm(
        request.POST or None,
        request.FILES or None,
        initial=entry_initial(request, MatterForm, get_record=get),
        grids=_grids(request.user),
        residents=residents,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            matter = services.matter_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message = _("已登记事项 %(n)s。") % {"n": matter.number}
            detail = reverse("grid:matter_detail", args=[matter.pk])
            return after_create(request, form=form, message=message, detail_url=detail)
    return render_page(request, "grid/matter_form.html", {"form": form, "title": _("登记群众说事")})


@require_perm("grid.view")
def matter_detail_view(request, pk: int):
    matter = selectors.matter_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.GRID, matter.area, CHANGE)
    ancestors = [*matter.area.ancestors(), matter.area]
    handlers = User.objects.filter(
        Q(posts__area__in=ancestors) & scope_q(request.user, Module.GRID, field="posts__area__path")
    ).distinct()
    context = {
        "matter": matter,
        "can_change": can_change,
        "category": dict(dictionary_choices(CATEGORY)).get(matter.category, matter.category),
        "events": matter.events.select_related("actor"),
        "attachments": matter.attachments.all(),
        "transitions": [
            t
            for t in (available(matter.status) if can_change else [])
            if not t.action.startswith("transfer_") or t.action.removeprefix("transfer_") in TRANSFER_HANDLERS
        ],
        "form": TransitionForm(handlers=handlers),
        "replies": ReplyTemplate.objects.filter(area__in=ancestors, is_active=True),
        "overdue": services.matter_is_overdue(matter),
        "duplicate_form": DuplicateForm(),
        "transferred_to": matter.transferred_to,
        "sources": sources_for(user=request.user, record=matter),
        "onward": onward_links(user=request.user, record=matter) if can_change else [],
    }
    return render_page(request, "grid/matter_detail.html", context)


@require_POST
@require_perm("grid.change")
def matter_transition_view(request, pk: int):
    matter = selectors.matter_get(user=request.user, pk=pk)
    ancestors = [*matter.area.ancestors(), matter.area]
    handlers = User.objects.filter(posts__area__in=ancestors).distinct()
    form = TransitionForm(request.POST, handlers=handlers)
    back = reverse("grid:matter_detail", args=[pk])
    if stale := stale_response(request, matter, form=form, back_url=back):
        return stale
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        action = data.pop("action")
        try:
            with expected_version(matter, submitted_version(request.POST)):
                if action.startswith("transfer_"):
                    target = services.matter_hand_over(
                        actor=request.user, matter=matter, to=action.removeprefix("transfer_")
                    )
                    if hasattr(target, "get_absolute_url"):
                        messages.success(request, _("已转办：%(t)s") % {"t": target})
                        return redirect(target.get_absolute_url())
                else:
                    services.matter_transition(actor=request.user, matter=matter, action=action, **data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("已办理。"))
    else:
        messages.error(request, _("提交的内容有误，请检查。"))
    return redirect("grid:matter_detail", pk=matter.pk)


@require_perm("grid.view")
def visit_list_view(request):
    form = VisitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.visit_list(user=request.user, filters=filters), 50, request.GET.get("page"))
    return render_page(request, "grid/visit_list.html", {"form": form, "page": page}, partial="results")


@require_perm("grid.view")
def visit_export_view(request):
    form = VisitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    response = exports.visits_xlsx(selectors.visit_list(user=request.user, filters=filters))
    export_record(actor=request.user, model=Visit, export="visits", filters=filters, rows=response.row_count)
    return response


@require_perm("grid.change")
def visit_create_view(request):
    """The visit form. The household is picked by a search (`?household_q=`), answered by the `household_results`
    partial for htmx and by the whole page without JavaScript; `?household=<pk>` preselects one."""
    user = request.user
    query = request.GET.get("household_q", "").strip()
    results = selectors.visit_household_search(user=user, q=query) if query else []
    if request.htmx and not request.htmx.boosted and request.method == "GET":
        return render_page(
            request,
            "grid/visit_form.html",
            _household_results_context(query, results),
            partial="household_results",
        )
    chosen = None
    if request.method != "POST" and request.GET.get("household"):
        chosen = selectors.visit_household_get(user=user, pk=request.GET["household"])
    form = VisitForm(
        request.POST or None,
        request.FILES or None,
        households=selectors.visit_household_choices(user=user),
        initial={"visited_on": timezone.localdate(), "household": chosen.pk if chosen else None},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        facts = {}
        if d.get("address"):
            facts["address"] = d["address"]
        if d.get("member_count") is not None:
            facts["member_count"] = d["member_count"]
        matter = None
        if d.get("matter_category"):
            matter = {
                "category": d["matter_category"],
                "description": d["matter_description"],
                "attachments": d.get("attachments") or [],
            }
        try:
            visit = services.visit_record(
                actor=request.user,
                household=d["household"],
                visited_on=d["visited_on"],
                notes=d["notes"],
                household_facts=facts or None,
                matter=matter,
                idempotency_key=d.get("idempotency_key") or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            raised = visit.matters.count()
            if raised:
                messages.success(request, _("已记录走访，并登记事项 %(n)d 件。") % {"n": raised})
            else:
                messages.success(request, _("已记录走访。"))
            return redirect("grid:visit_list")
    if request.method == "POST":
        chosen = form.cleaned_data.get("household")  # the posted pk, once validated against the user's grids
    context = {"form": form, "chosen": chosen, **_household_results_context(query, results)}
    return render_page(request, "grid/visit_form.html", context)


def _household_results_context(query: str, results: list) -> dict:
    limit = selectors.VISIT_HOUSEHOLD_LIMIT
    return {"household_q": query, "household_results": results[:limit], "household_more": len(results) > limit}


@require_POST
@require_perm("grid.change")
def matter_duplicate_view(request, pk: int):
    matter = selectors.matter_get(user=request.user, pk=pk)
    form = DuplicateForm(request.POST)
    back = reverse("grid:matter_detail", args=[pk])
    if stale := stale_response(request, matter, form=form, back_url=back):
        return stale
    of = None
    if form.is_valid():
        of = selectors.matter_list(user=request.user).filter(number=form.cleaned_data["number"].strip()).first()
    if of is None:
        messages.error(request, _("未找到该编号的事项。"))
    else:
        try:
            with expected_version(matter, submitted_version(request.POST)):
                services.matter_mark_duplicate(actor=request.user, matter=matter, of=of)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("已标记为 %(n)s 的重复事项。") % {"n": of.number})
    return redirect("grid:matter_detail", pk=matter.pk)


@require_perm("grid.view")
def reply_list_view(request):
    areas = areas_visible_to(request.user, Module.GRID, CHANGE).filter(level__lte=Level.VILLAGE).current()
    form = ReplyTemplateForm(request.POST or None, areas=areas)
    if request.method == "POST":
        if not request.user.has_perm("grid.change"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.reply_template_save(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存常用答复。"))
                return redirect("grid:reply_list")
    context = {"form": form, "templates": selectors.reply_templates(user=request.user), "can_add": areas.exists()}
    return render_page(request, "grid/reply_list.html", context)


STAFF_IMPORT_SESSION = "grid_staff_import"
STAFF_IMPORT_MAX_BYTES = 2 * 1024 * 1024


@require_perm("grid.change")
def staff_import_template_view(request):
    from django.http import HttpResponse

    from fazhi.grid.io import template_workbook

    response = HttpResponse(template_workbook(user=request.user), content_type=exports.XLSX)
    response["Content-Disposition"] = "attachment; filename=grid-staff-template.xlsx"
    return response


@require_perm("grid.change")
def staff_import_view(request):
    """Upload → dry run (nothing saved; every bad row listed) → confirm → all-or-nothing import."""
    import base64

    from fazhi.grid import io

    form = StaffImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": [], "rows": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > STAFF_IMPORT_MAX_BYTES:
            form.add_error("file", _("文件超过2MB。"))
        else:
            content = upload.read()
            try:
                good, errors = io.parse(user=request.user, content=content)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                context.update(errors=errors, rows=good)
                if not errors and good:
                    request.session[STAFF_IMPORT_SESSION] = base64.b64encode(content).decode()
    return render_page(request, "grid/staff_import.html", context)


@require_POST
@require_perm("grid.change")
def staff_import_confirm_view(request):
    import base64

    from fazhi.grid import io

    encoded = request.session.pop(STAFF_IMPORT_SESSION, None)
    if not encoded:
        messages.error(request, _("请先上传并校验文件。"))
        return redirect("grid:staff_import")
    try:
        n = io.import_staff(actor=request.user, content=base64.b64decode(encoded))
    except (ValidationError, PermissionDenied) as exc:
        text = "；".join(exc.messages) if isinstance(exc, ValidationError) else _("无权导入。")
        messages.error(request, text)
        return redirect("grid:staff_import")
    messages.success(request, _("已导入网格工作人员 %(n)d 人。") % {"n": n})
    return redirect("grid:grid_list")
