from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.metrics import refresh
from fazhi.core.years import working_year
from fazhi.figures import describe, registry, selectors, services
from fazhi.figures.forms import DefinitionForm, ImportForm
from fazhi.figures.models import FigureDefinition


def _area_and_year(request):
    """The area and year a preview is computed for: asked for, else the user's first, last year."""
    area = None
    if request.GET.get("area", "").isdigit():
        area = selectors.preview_areas(user=request.user).filter(pk=int(request.GET["area"])).first()
    if area is None:
        area = selectors.preview_areas(user=request.user).first()
    return area, working_year(request)


@require_perm("reports.view")
def definition_list_view(request):
    definitions = list(selectors.definition_list(user=request.user).order_by("builtin", "area__path", "name"))
    registry_now = refresh()
    for definition in definitions:
        definition.broken = selectors.figure_state(definition=definition, registry=registry_now)[1]
    owners = selectors.owner_choices(user=request.user)
    context = {"definitions": definitions, "can_define": owners.exists()}
    return render_page(request, "figures/definition_list.html", context)


@require_perm("reports.view")
def definition_detail_view(request, pk: int):
    definition = selectors.definition_get(user=request.user, pk=pk)
    area, year = _area_and_year(request)
    metric, broken = selectors.figure_state(definition=definition)
    result = selectors.preview(metric=metric, area=area, year=year, broken=broken) if area else None
    context = {
        "definition": definition,
        "described": describe.describe(definition),
        "result": result,
        "area": area,
        "year": year,
        "areas": selectors.preview_areas(user=request.user),
        "can_change": selectors.can_change(user=request.user, definition=definition),
        "owners": selectors.owner_choices(user=request.user),
    }
    return render_page(request, "figures/definition_detail.html", context)


def _builder(request, definition: FigureDefinition | None):
    owners = selectors.owner_choices(user=request.user)
    if not owners.exists():
        raise Http404
    visible = selectors.definition_list(user=request.user).filter(is_active=True).order_by("name")
    year = _area_and_year(request)[1]
    initial = describe.form_initial(definition) if definition else {"area": owners.first(), "decimals": 1}
    initial["preview_year"] = year
    bound = request.method == "POST"
    form = DefinitionForm(
        request.POST if bound else None,
        owners=owners,
        definitions=visible,
        initial=initial,
        preview_areas=selectors.preview_areas(user=request.user),
    )
    result = None
    if bound and form.is_valid():
        year = form.cleaned_data.get("preview_year") or year
        values = form.values()
        if request.POST.get("action") == "save":
            try:
                saved = services.definition_save(
                    actor=request.user,
                    area=form.cleaned_data["area"],
                    values=values,
                    definition=definition,
                    version=_int(request.POST.get("version")),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存指标“%(name)s”。") % {"name": saved.name})
                return redirect("figures:definition_detail", pk=saved.pk)
        else:
            draft = FigureDefinition(pk=definition.pk if definition else None, area=form.cleaned_data["area"])
            for name, value in values.items():
                setattr(draft, name, value)
            draft.key = definition.key if definition else "draft.preview"
            metric, reasons = registry.draft_metric(draft)
            result = selectors.preview(metric=metric, area=form.preview_place(), year=year, broken="；".join(reasons))
    context = {
        "form": form,
        "definition": definition,
        "result": result,
        "year": year,
        "sections": selectors.section_names(),
        "record_type": form.record_type,
        "needed": form.needed(),
    }
    return render_page(request, "figures/definition_form.html", context, partial="builder")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_perm("reports.change")
def definition_create_view(request):
    return _builder(request, None)


@require_perm("reports.change")
def definition_update_view(request, pk: int):
    definition = selectors.definition_get(user=request.user, pk=pk)
    if not selectors.can_change(user=request.user, definition=definition):
        raise Http404
    return _builder(request, definition)


@require_POST
@require_perm("reports.change")
def definition_copy_view(request, pk: int):
    definition = selectors.definition_get(user=request.user, pk=pk)
    area = selectors.owner_choices(user=request.user).filter(pk=_int(request.POST.get("area"))).first()
    try:
        copy = services.definition_copy(actor=request.user, definition=definition, area=area)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("figures:definition_detail", pk=pk)
    messages.success(request, _("已复制为“%(name)s”，可修改后使用。") % {"name": copy.name})
    return redirect("figures:definition_update", pk=copy.pk)


@require_POST
@require_perm("reports.change")
def definition_toggle_view(request, pk: int):
    definition = selectors.definition_get(user=request.user, pk=pk)
    if not selectors.can_change(user=request.user, definition=definition):
        raise Http404
    services.definition_set_active(actor=request.user, definition=definition, active=not definition.is_active)
    messages.success(request, _("已启用该指标。") if not definition.is_active else _("已停用该指标。"))
    return redirect("figures:definition_detail", pk=pk)


@require_perm("reports.view")
def definitions_export_view(request):
    owned = selectors.definition_list(user=request.user).filter(builtin=False, is_active=True)
    if request.GET.get("area", "").isdigit():
        owned = owned.filter(area_id=int(request.GET["area"]))
    response = HttpResponse(services.definitions_export(definitions=owned), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="figures.json"'
    return response


@require_perm("reports.change")
def definitions_import_view(request):
    owners = selectors.owner_choices(user=request.user)
    if not owners.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.definitions_import(
                actor=request.user, area=form.cleaned_data["area"], text=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已导入 %(n)d 项指标。") % {"n": len(made)})
            return redirect("figures:definition_list")
    return render_page(request, "figures/definition_import.html", {"form": form})
