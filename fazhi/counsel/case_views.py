"""Pages for contract review (合同合法性审查) and reconsideration/litigation (行政复议、行政诉讼)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope
from fazhi.core.concurrency import EditConflict, conflict_response, expected_version, stale_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.counsel import selectors, services
from fazhi.counsel.forms import (
    ContractForm,
    ContractReviewForm,
    ContractSignForm,
    CourtAppearanceForm,
    LegalCaseCloseForm,
    LegalCaseForm,
)
from fazhi.counsel.views import _areas, _create, _year


@require_perm("counsel.view")
def contract_list_view(request):
    year = _year(request)
    contracts = selectors.contract_list(user=request.user, year=year)
    return render_page(request, "counsel/contract_list.html", {"year": year, "contracts": contracts})


@require_perm("counsel.change")
def contract_create_view(request):
    form = ContractForm(request.POST or None, areas=_areas(request.user, [Level.TOWNSHIP, Level.VILLAGE]))
    return _create(
        request,
        form,
        lambda **d: services.contract_create(actor=request.user, **d),
        _("登记送审合同"),
        lambda c: ("counsel:contract_detail", c.pk),
    )


def _detail_post(request, record, forms_by_action: dict, call):
    """Run the POSTed action's form through its service under `record`'s version (core.concurrency); answer the
    refusal page or a redirect on success, else None."""
    action = request.POST.get("action")
    if action not in forms_by_action:
        return None
    form, service = forms_by_action[action]
    if refused := stale_response(request, record, form=form, back_url=request.path):
        return refused
    if form.is_valid():
        try:
            with expected_version(record, submitted_version(request.POST)):
                call(service, form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=request.path)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(request.path)
    return None


@require_perm("counsel.view")
def contract_detail_view(request, pk: int):
    contract = selectors.contract_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.COUNSEL, contract.area, CHANGE)
    action = request.POST.get("action") if request.method == "POST" else None
    advisers = selectors.adviser_choices(user=request.user, area=contract.area)
    review_form = ContractReviewForm(request.POST if action == "review" else None, advisers=advisers, prefix="review")
    sign_form = ContractSignForm(request.POST if action == "sign" else None, prefix="sign")
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        forms = {"review": (review_form, services.contract_review), "sign": (sign_form, services.contract_sign)}
        done = _detail_post(request, contract, forms, lambda s, d: s(actor=request.user, contract=contract, **d))
        if done:
            return done
    context = {"contract": contract, "can_change": can_change, "review_form": review_form, "sign_form": sign_form}
    return render_page(request, "counsel/contract_detail.html", context)


@require_perm("counsel.view")
def legal_case_list_view(request):
    year = _year(request)
    cases = selectors.legal_case_list(user=request.user, year=year)
    return render_page(request, "counsel/legal_case_list.html", {"year": year, "cases": cases})


@require_perm("counsel.change")
def legal_case_create_view(request):
    form = LegalCaseForm(request.POST or None, areas=_areas(request.user, [Level.TOWNSHIP, Level.VILLAGE]))
    return _create(
        request,
        form,
        lambda **d: services.legal_case_create(actor=request.user, **d),
        _("登记行政复议、诉讼案件"),
        lambda c: ("counsel:legal_case_detail", c.pk),
    )


@require_perm("counsel.view")
def legal_case_detail_view(request, pk: int):
    case = selectors.legal_case_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.COUNSEL, case.area, CHANGE)
    action = request.POST.get("action") if request.method == "POST" else None
    close_form = LegalCaseCloseForm(request.POST if action == "close" else None, prefix="close")
    appearance_form = CourtAppearanceForm(request.POST if action == "appearance" else None, prefix="appearance")
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        forms = {
            "close": (close_form, services.legal_case_close),
            "appearance": (appearance_form, services.court_appearance_add),
        }
        done = _detail_post(request, case, forms, lambda s, d: s(actor=request.user, case=case, **d))
        if done:
            return done
    context = {
        "case": case,
        "appearances": case.appearances.all(),
        "can_change": can_change,
        "close_form": close_form,
        "appearance_form": appearance_form,
    }
    return render_page(request, "counsel/legal_case_detail.html", context)
