from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.areas.selectors import leaders_over
from fazhi.core.concurrency import (
    EditConflict,
    conflict_response,
    expected_version,
    stale_response,
    submitted_version,
)
from fazhi.core.decorators import require_perm
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.core.provenance import sources_for
from fazhi.mediation import selectors as mediation_selectors
from fazhi.people.models import Resident
from fazhi.petitions import forms as f
from fazhi.petitions import links, selectors, services
from fazhi.petitions.choices import Status
from fazhi.petitions.provenance import came_from_dispute

P = Module.PETITIONS


def _parse_petitioners(text: str) -> list[services.PetitionerInput]:
    result = []
    for line in text.splitlines():
        name = line.strip()
        if not name:
            continue
        rep = name.endswith("*")
        result.append(services.PetitionerInput(name=name.rstrip("*").strip(), is_representative=rep))
    return result


@require_perm("petitions.view")
def petition_list_view(request):
    form = f.PetitionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.petition_list(user=request.user, filters=filters), 30, request.GET.get("page"))
    return render_page(request, "petitions/petition_list.html", {"form": form, "page": page}, partial="results")


@require_perm("petitions.change")
def petition_create_view(request):
    areas = areas_visible_to(request.user, P, CHANGE).current()
    form = f.PetitionForm(request.POST or None, areas=areas, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        petitioners = _parse_petitioners(data.pop("petitioners"))
        try:
            petition = services.petition_register(actor=request.user, petitioners=petitioners, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error("area", _("您无权在该区划登记信访事项。"))
        else:
            messages.success(request, _("已登记信访事项 %(n)s。") % {"n": petition.number})
            if petition.duplicate_of_id:
                messages.warning(
                    request,
                    _("疑似重复信访：与 %(n)s 为同一信访人同类事项，请核实。") % {"n": petition.duplicate_of.number},
                )
            return redirect("petitions:petition_detail", pk=petition.pk)
    return render_page(request, "petitions/petition_form.html", {"form": form})


def _action_forms(request, petition, bound=None):
    today = timezone.localdate()
    user = request.user
    leaders = leaders_over(petition.area)
    can_mediate = user.has_perm("mediation.change") and area_in_scope(user, Module.MEDIATION, petition.area, CHANGE)
    specs = {
        "accept": (f.AcceptForm, {"initial": {"on": today}}),
        "not_accept": (f.ReasonForm, {"initial": {"on": today}}),
        "object": (f.ReasonForm, {"initial": {"on": today}}),
        "extend": (f.ExtendForm, {"initial": {"notified_on": today}, "leaders": leaders}),
        "reply": (f.ReplyForm, {"initial": {"on": today}}),
        "review": (f.RequestForm, {"initial": {"on": today}}),
        "review_decide": (f.DecideForm, {"initial": {"on": today}}),
        "recheck": (f.RequestForm, {"initial": {"on": today}}),
        "recheck_decide": (f.DecideForm, {"initial": {"on": today}}),
    }
    if can_mediate:
        specs["to_dispute"] = (
            f.ToDisputeForm,
            {
                "dispute_types": dictionary_choices(links.DISPUTE_TYPE),
                "bodies": mediation_selectors.body_list(user=user),
                "mediators": mediation_selectors.mediator_list(user=user),
            },
        )
    forms = {}
    for name, (cls, kwargs) in specs.items():
        if name == bound:
            forms[name] = cls(request.POST, prefix=name, **kwargs)
        else:
            forms[name] = cls(prefix=name, **kwargs)
    return forms


def _context(request, petition, forms, failed=None):
    return {
        "petition": petition,
        "petitioners": petition.petitioners.select_related("resident"),
        "events": petition.events.select_related("actor"),
        "forms": forms,
        "failed_action": failed,
        "today": timezone.localdate(),
        "can_change": area_in_scope(request.user, P, petition.area, CHANGE),
        "S": {s.name: s.value for s in Status},
        "sources": sources_for(user=request.user, record=petition),
        "from_dispute": came_from_dispute(petition),
    }


@require_perm("petitions.view")
def petition_detail_view(request, pk: int):
    petition = selectors.petition_get(user=request.user, pk=pk)
    return render_page(
        request, "petitions/petition_detail.html", _context(request, petition, _action_forms(request, petition))
    )


@require_POST
@require_perm("petitions.change")
def petition_action_view(request, pk: int, action: str):
    petition = selectors.petition_get(user=request.user, pk=pk)
    forms = _action_forms(request, petition, bound=action)
    if action not in forms:
        raise Http404
    form = forms[action]
    back = reverse("petitions:petition_detail", args=[petition.pk])
    if stale := stale_response(request, petition, form=form, back_url=back):
        return stale
    if form.is_valid():
        d, user = form.cleaned_data, request.user
        try:
            with expected_version(petition, submitted_version(request.POST)):
                if action == "accept":
                    services.petition_accept(actor=user, petition=petition, **d)
                elif action == "not_accept":
                    services.petition_not_accept(actor=user, petition=petition, **d)
                elif action == "object":
                    services.petition_object(actor=user, petition=petition, **d)
                elif action == "extend":
                    services.petition_extend(actor=user, petition=petition, **d)
                elif action == "reply":
                    services.petition_reply(actor=user, petition=petition, **d)
                elif action == "review":
                    services.petition_request_review(actor=user, petition=petition, **d)
                elif action == "review_decide":
                    services.petition_review_decide(actor=user, petition=petition, **d)
                elif action == "recheck":
                    services.petition_request_recheck(actor=user, petition=petition, **d)
                elif action == "recheck_decide":
                    services.petition_recheck_decide(actor=user, petition=petition, **d)
                elif action == "to_dispute":
                    dispute = services.petition_to_dispute(
                        actor=user,
                        petition=petition,
                        tier=links.TIER_GENERAL,
                        dispute_type=d["dispute_type"],
                        body=d["body"],
                        mediators=d["mediators"],
                    )
                    messages.success(request, _("已转为矛盾纠纷 %(n)s。") % {"n": dispute.number})
                    return redirect("petitions:petition_detail", pk=petition.pk)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error(None, _("您无权办理该操作。"))
        else:
            messages.success(request, _("已保存。"))
            return redirect("petitions:petition_detail", pk=petition.pk)
    petition = selectors.petition_get(user=request.user, pk=pk)
    return render_page(request, "petitions/petition_detail.html", _context(request, petition, forms, failed=action))


@require_perm("petitions.view")
def key_petitioner_list_view(request):
    user = request.user
    areas = areas_visible_to(user, P, CHANGE).current()
    first = areas.order_by("path").first()
    form = f.KeyPetitionerForm(
        request.POST or None,
        areas=areas,
        residents=Resident.objects.visible_to(user).order_by("name"),
        leaders=leaders_over(first) if first else get_user_model().objects.none(),
        initial={"since": timezone.localdate()},
    )
    if request.method == "POST":
        if not user.has_perm("petitions.change"):
            raise PermissionDenied
        if form.is_valid():
            try:
                kp = services.key_petitioner_create(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied:
                form.add_error("area", _("您无权在该区划登记。"))
            else:
                messages.success(request, _("已登记信访重点人员。"))
                return redirect("petitions:key_petitioner_detail", pk=kp.pk)
    context = {
        "items": selectors.key_petitioner_list(user=user),
        "form": form,
        "can_change": user.has_perm("petitions.change") and first is not None,
    }
    return render_page(request, "petitions/key_petitioner_list.html", context)


@require_perm("petitions.view")
def key_petitioner_detail_view(request, pk: int):
    user = request.user
    kp = selectors.key_petitioner_get(user=user, pk=pk)
    which = request.POST.get("which")
    status_form = f.StatusForm(
        request.POST if which == "status" else None, initial={"on": timezone.localdate()}, prefix="status"
    )
    visit_form = f.VisitForm(
        request.POST if which == "visit" else None, initial={"visited_on": timezone.localdate()}, prefix="visit"
    )
    if request.method == "POST":
        if not user.has_perm("petitions.change"):
            raise PermissionDenied
        form = status_form if which == "status" else visit_form
        back = reverse("petitions:key_petitioner_detail", args=[kp.pk])
        if refused := stale_response(request, kp, form=form, back_url=back):
            return refused
        if form.is_valid():
            try:
                with expected_version(kp, submitted_version(request.POST)):
                    if form is status_form:
                        services.key_petitioner_set_status(actor=user, key_petitioner=kp, **form.cleaned_data)
                    else:
                        services.key_petitioner_visit(actor=user, key_petitioner=kp, **form.cleaned_data)
            except EditConflict as conflict:
                return conflict_response(request, conflict, form=form, back_url=back)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("petitions:key_petitioner_detail", pk=kp.pk)
    context = {
        "kp": kp,
        "cases": selectors.key_petitioner_cases(user=user, key_petitioner=kp),
        "changes": kp.status_changes.all(),
        "visits": kp.visits.all(),
        "status_form": status_form,
        "visit_form": visit_form,
        "can_change": area_in_scope(user, P, kp.area, CHANGE),
    }
    return render_page(request, "petitions/key_petitioner_detail.html", context)
