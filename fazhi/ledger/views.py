from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level, subtree_q
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.metrics import Period
from fazhi.core.pagination import paginate
from fazhi.core.years import working_year
from fazhi.ledger import selectors, services
from fazhi.ledger.forms import EntryForm, FieldDefFormSet, MeasureAddForm, MeasureFormSet, RecordTypeForm


@require_perm("ledger.view")
def type_list_view(request):
    return render_page(request, "ledger/type_list.html", {"types": selectors.record_type_list(user=request.user)})


@require_perm("ledger.change")
def type_create_view(request):
    areas = (
        areas_visible_to(request.user, Module.LEDGER, CHANGE)
        .current()
        .filter(level__in=[Level.COUNTY, Level.TOWNSHIP])
        .order_by("path")
    )
    data = request.POST or None
    form = RecordTypeForm(data, areas=areas)
    measures = MeasureFormSet(data, prefix="m")
    fields = FieldDefFormSet(data, prefix="f")
    if request.method == "POST" and form.is_valid() and measures.is_valid() and fields.is_valid():
        try:
            record_type = services.record_type_create(
                actor=request.user,
                measures=[(f.cleaned_data.get("name", ""), f.cleaned_data.get("unit", "")) for f in measures],
                fields=[(f.cleaned_data.get("name", ""), f.cleaned_data.get("required", False)) for f in fields],
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新建台账类型“%(name)s”。") % {"name": record_type.name})
            return redirect("ledger:type_detail", pk=record_type.pk)
    context = {"form": form, "measures": measures, "fields": fields}
    return render_page(request, "ledger/type_form.html", context)


def _year(request) -> int:
    return working_year(request)


@require_perm("ledger.view")
def type_detail_view(request, pk: int):
    record_type = selectors.record_type_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.LEDGER, record_type.area, CHANGE)
    form = MeasureAddForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.measure_add(actor=request.user, record_type=record_type, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已添加统计指标。"))
                return redirect("ledger:type_detail", pk=record_type.pk)
    year = _year(request)
    entries = paginate(selectors.entry_list(user=request.user, record_type=record_type), 30, request.GET.get("page"))
    context = {
        "record_type": record_type,
        "field_defs": selectors.fields_of(record_type=record_type),
        "entries": entries,
        "metrics": selectors.type_metrics(record_type=record_type, period=Period.year(year)),
        "year": year,
        "form": form,
        "can_change": can_change,
        "can_record": request.user.has_perm("ledger.change"),
    }
    return render_page(request, "ledger/type_detail.html", context)


@require_perm("ledger.change")
def entry_create_view(request, pk: int):
    record_type = selectors.record_type_get(user=request.user, pk=pk)
    areas = (
        areas_visible_to(request.user, Module.LEDGER, CHANGE)
        .current()
        .filter(subtree_q(record_type.area.path, "path"), level__in=[Level.TOWNSHIP, Level.VILLAGE])
        .order_by("path")
    )
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        areas=areas,
        measures=list(record_type.measures.all()),
        field_defs=selectors.fields_of(record_type=record_type),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_create(actor=request.user, record_type=record_type, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记“%(name)s”台账记录。") % {"name": record_type.name})
            return redirect("ledger:type_detail", pk=record_type.pk)
    return render_page(request, "ledger/entry_form.html", {"form": form, "record_type": record_type})
