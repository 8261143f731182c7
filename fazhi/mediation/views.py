from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import lineage_q
from fazhi.areas.scoping import areas_visible_to, get_visible_or_404
from fazhi.areas.selectors import leaders_over
from fazhi.core.concurrency import (
    EditConflict,
    conflict_response,
    expected_version,
    stale_response,
    submitted_version,
)
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors, share_choices
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.core.provenance import sources_for
from fazhi.core.quick_entry import after_create, entry_initial
from fazhi.core.years import working_year
from fazhi.grid.models import Matter
from fazhi.mediation import forms as f
from fazhi.mediation import selectors, services
from fazhi.mediation.choices import AgreementForm, ConfirmationResult, DisputeStatus, PartyRole, Tier
from fazhi.mediation.documents import agreement_docx
from fazhi.mediation.models import Dispute, FollowUp
from fazhi.people.models import Resident

M = Module.MEDIATION


def _choices(user, area=None):
    """What the user may pick, narrowed to what the services accept for a dispute in `area` when it is known: a body
    or mediator above or under it, a leader over it (services._tier_errors)."""
    bodies, mediators = selectors.body_list(user=user).filter(is_active=True), selectors.mediator_list(user=user)
    if area is None:
        area = areas_visible_to(user, M, CHANGE).current().order_by("path").first()
    else:
        bodies, mediators = bodies.filter(lineage_q(area.path)), mediators.filter(lineage_q(area.path))
    return {
        "bodies": bodies,
        "mediators": mediators,
        "leaders": leaders_over(area) if area else get_user_model().objects.none(),
    }


@require_perm("mediation.view")
def dispute_list_view(request):
    form = f.DisputeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.dispute_list(user=request.user, filters=filters), 30, request.GET.get("page"))
    return render_page(request, "mediation/dispute_list.html", {"form": form, "page": page}, partial="results")


def _parties(data) -> list:
    parties = [
        services.PartyInput(name=data["applicant"], role=PartyRole.APPLICANT, resident=data["applicant_resident"])
    ]
    if data.get("respondent"):
        parties.append(
            services.PartyInput(
                name=data["respondent"], role=PartyRole.RESPONDENT, resident=data["respondent_resident"]
            )
        )
    return parties


def _dispute_form(request, *, matter=None):
    user = request.user
    initial = {"received_on": timezone.localdate(), "tier": Tier.GENERAL}
    if matter is None:
        get = lambda pk: selectors.dispute_get(user=user, pk=pk)  # noqa: E731
        initial.update(entry_initial(request, f.DisputeForm, get_record=get))
    else:
        # the source is fixed (群众说事转入); the field only shows it
        initial.update(
            area=matter.area_id,
            title=matter.description[:200],
            facts=matter.description,
            applicant=matter.raised_by,
            applicant_resident=matter.resident_id,
            source="matter",
        )
    return f.DisputeForm(
        request.POST or None,
        initial=initial,
        areas=areas_visible_to(user, M, CHANGE).current(),
        residents=Resident.objects.visible_to(user).order_by("name"),
        **_choices(user),
    )


def _create_kwargs(data) -> dict:
    return {
        "area": data["area"],
        "title": data["title"],
        "facts": data["facts"],
        "dispute_type": data["dispute_type"],
        "source": data["source"],
        "key_group": data["key_group"],
        "amount": data["amount"],
        "parties": _parties(data),
        "body": data["body"],
        "mediators": data["mediators"],
        "leader": data["leader"],
    }


@require_perm("mediation.change")
def dispute_create_view(request):
    form = _dispute_form(request)
    on_site = f.OnSiteForm(request.POST or None, prefix="site", initial={"performance_due": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and on_site.is_valid():
        data, site = form.cleaned_data, on_site.cleaned_data
        try:
            if site["on_site_resolved"]:
                if data["tier"] != Tier.SIMPLE:
                    raise ValidationError({"tier": _("事后登记仅适用于简易纠纷。")})
                dispute = services.dispute_record_on_site(
                    actor=request.user,
                    on=data["received_on"],
                    agreement=services.AgreementInput(
                        facts=data["facts"],
                        terms=site["terms"],
                        performance_method=site["performance_method"],
                        performance_due=site["performance_due"] or data["received_on"],
                        form=site["form"] or AgreementForm.ORAL,
                    ),
                    **_create_kwargs(data),
                )
            else:
                dispute = services.dispute_create(
                    actor=request.user, tier=data["tier"], received_on=data["received_on"], **_create_kwargs(data)
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("area", str(exc) or _("您无权在该区划登记纠纷。"))
        else:
            message = _("已登记纠纷 %(n)s。") % {"n": dispute.number}
            detail = reverse("mediation:dispute_detail", args=[dispute.pk])
            return after_create(request, form=form, message=message, detail_url=detail)
    return render_page(request, "mediation/dispute_form.html", {"form": form, "on_site": on_site, "matter": None})


@require_perm("mediation.change")
def dispute_create_from_matter_view(request, matter_pk: int):
    if not request.user.has_perm("grid.view"):
        raise PermissionDenied
    matter = get_visible_or_404(Matter.objects.select_related("area", "resident"), request.user, pk=matter_pk)
    form = _dispute_form(request, matter=matter)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = _create_kwargs(data)
        try:
            dispute = services.dispute_create_from_matter(
                actor=request.user, matter=matter, tier=data["tier"], received_on=data["received_on"], **kwargs
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            form.add_error(None, _("您无权办理该事项的转调解，请联系网格管理员。"))
        else:
            messages.success(request, _("事项已转为纠纷 %(n)s。") % {"n": dispute.number})
            return redirect("mediation:dispute_detail", pk=dispute.pk)
    return render_page(request, "mediation/dispute_form.html", {"form": form, "on_site": None, "matter": matter})


ACTIONS = {
    "session": f.SessionForm,
    "assign": f.AssignForm,
    "escalate": f.EscalateForm,
    "extend": f.ExtendForm,
    "close": f.CloseForm,
    "confirm_apply": f.ConfirmApplyForm,
    "confirm_decide": f.ConfirmDecideForm,
    "follow_up": f.FollowUpForm,
}


# The page's action panels, in order: (action, title, button, primary). Only the session form, the action taken most,
# is built with the page; any other is fetched when its panel is opened. That took a third off the page's server
# time and its bytes (county bench: 41 → 27 ms, 17 → 12 KB), which a phone on a mountain connection feels.
PANELS = (
    ("session", _l("记录调解"), _l("保存"), True),
    ("close", _l("结案"), _l("结案"), True),
    ("assign", _l("指派调解员"), _l("保存"), False),
    ("escalate", _l("升级处理"), _l("升级"), False),
    ("extend", _l("延长期限"), _l("延长"), False),
    ("confirm_apply", _l("申请司法确认"), _l("保存"), False),
    ("confirm_decide", _l("司法确认结果"), _l("保存"), False),
    ("follow_up", _l("回访"), _l("保存"), False),
)


@dataclass
class Panel:
    name: str
    title: str
    button: str
    primary: bool
    form: object  # None until the panel is opened
    version: int  # the dispute's version on the page the user saw: the form posts it back (core.concurrency)


# The forms offering 调解组织、调解员、包案领导: only they need _choices, which costs several queries.
CHOOSING = {"assign", "escalate"}


def _available_actions(dispute, *, can_change: bool, agreement, open_follow_up) -> set[str]:
    """The actions the page offers now. The view builds only these forms and the template shows only these, so the
    two cannot disagree. Posting is not gated here: the action view still hands any posted action to its service."""
    if not can_change:
        return set()
    actions = set()
    if dispute.is_open:
        actions |= {"session", "close", "assign"}
        if dispute.tier != Tier.DIFFICULT:
            actions.add("escalate")
        if dispute.deadline_id:
            actions.add("extend")
    if agreement and not agreement.confirmation_applied_on:
        actions.add("confirm_apply")
    if agreement and agreement.confirmation_result == ConfirmationResult.PENDING:
        actions.add("confirm_decide")
    if open_follow_up:
        actions.add("follow_up")
    return actions


def _action_forms(request, dispute, names, *, bound_action=None, mediators=None) -> dict:
    """The forms for `names`; `bound_action`'s carries the posted data. `mediators`: the dispute's, if already read."""
    user, today = request.user, timezone.localdate()
    choices = _choices(user, dispute.area) if CHOOSING & set(names) else {}
    initial = {
        "session": {"held_on": today, "place": dispute.body.address if dispute.body_id else ""},
        "close": {"on": today, "facts": dispute.facts, "performance_due": today},
        "confirm_apply": {"applied_on": today},
        "confirm_decide": {"decided_on": today},
        "follow_up": {"visited_on": today},
    }
    result = {}
    for name, cls in ACTIONS.items():
        if name not in names:
            continue
        kwargs = {"prefix": name, "initial": initial.get(name, {})}
        if name == "escalate":
            kwargs.update(bodies=choices["bodies"], mediators=choices["mediators"], leaders=choices["leaders"])
        if name == "assign":
            kwargs.update(bodies=choices["bodies"], mediators=choices["mediators"])
            current = dispute.mediators.all() if mediators is None else mediators
            kwargs["initial"] = {"body": dispute.body_id, "mediators": [m.pk for m in current]}
        if name == bound_action:
            result[name] = cls(request.POST, request.FILES, **kwargs)
        else:
            result[name] = cls(**kwargs)
    return result


def _share_choice_lists(forms: dict) -> None:
    """The forms offering 调解组织/调解员/包案领导 (assign, escalate) read each list once, in one plain query, not
    through Django's iterator per rendering (a server-side cursor on PostgreSQL), however many of them are built."""
    for field in ("body", "mediators", "leader"):
        offering = [form.fields[field] for name, form in forms.items() if name in CHOOSING and field in form.fields]
        if offering:
            share_choices(*offering)


def _detail_context(request, dispute, bound_forms=None, *, open_action=None, version=None):
    """The page, with a panel for each available action; `bound_forms` are posted ones to show with their errors.
    The panel left open is the failed form's, else `open_action`, else the session form."""
    bound_forms = bound_forms or {}
    open_action = next(iter(bound_forms), None) or open_action or "session"
    # Without a post that may change 调解 no dispute is changeable: skip building the scope query.
    can_change = (
        request.user.has_perm("mediation.change")
        and Dispute.objects.visible_to(request.user, CHANGE).filter(pk=dispute.pk).exists()
    )
    agreement = dispute.agreement  # a property that queries: read it once
    follow_ups = list(dispute.follow_ups.all())
    open_follow_up = next((fu for fu in follow_ups if fu.visited_on is None), None)
    actions = _available_actions(dispute, can_change=can_change, agreement=agreement, open_follow_up=open_follow_up)
    # The page lists the mediators by name and the assign form starts from them: one query for both, leaving out
    # the encrypted phone numbers nobody here reads.
    mediators = list(dispute.mediators.only("name"))
    built = (actions & {"session", open_action}) - bound_forms.keys()
    forms = {**_action_forms(request, dispute, built, mediators=mediators), **bound_forms}
    _share_choice_lists(forms)
    version = dispute.version if version is None else version
    panels = [
        Panel(name, title, button, primary, forms.get(name), version)
        for name, title, button, primary in PANELS
        if name in actions
    ]
    return {
        "dispute": dispute,
        "mediators": mediators,
        # the page only marks a party as a registered resident: loading the resident would decrypt their ID number
        "parties": dispute.parties.all(),
        "sessions": dispute.sessions.all(),
        "tier_changes": dispute.tier_changes.all(),
        "events": dispute.events.select_related("actor"),
        "agreement": agreement,
        "follow_ups": follow_ups,
        "extensions": dispute.deadline.events.filter(kind="extend").select_related("actor")
        if dispute.deadline_id
        else [],
        "can_change": can_change,
        "actions": actions,
        "forms": forms,
        "panels": panels,
        "open_action": open_action,
        "today": timezone.localdate(),
        "sources": sources_for(user=request.user, record=dispute),
    }


def _action_panel(request, dispute, action):
    """An action's form, fetched when its panel is opened (htmx); without JavaScript, the page with that panel open.
    A fetched form posts the version of the page it opens on, so a change made meanwhile is still caught."""
    version = submitted_version(request.GET) if request.htmx else None
    context = _detail_context(request, dispute, open_action=action, version=version)
    panel = next((p for p in context["panels"] if p.name == action), None)
    if panel is None:
        raise Http404  # not offered now: the dispute moved on, or it is not the user's to change
    return render_page(request, "mediation/dispute_detail.html", {**context, "panel": panel}, partial="action-form")


@require_perm("mediation.view")
def dispute_detail_view(request, pk: int):
    dispute = selectors.dispute_get(user=request.user, pk=pk)
    return render_page(request, "mediation/dispute_detail.html", _detail_context(request, dispute))


@require_http_methods(["GET", "POST"])
@require_perm("mediation.change")
def dispute_action_view(request, pk: int, action: str):
    dispute = selectors.dispute_get(user=request.user, pk=pk)
    if action not in ACTIONS:
        raise Http404
    if request.method == "GET":
        return _action_panel(request, dispute, action)
    form = _action_forms(request, dispute, {action}, bound_action=action)[action]
    back = reverse("mediation:dispute_detail", args=[dispute.pk])
    if stale := stale_response(request, dispute, form=form, back_url=back):
        return stale
    if form.is_valid():
        data, user = form.cleaned_data, request.user
        try:
            with expected_version(dispute, submitted_version(request.POST)):
                if action == "session":
                    services.session_record(actor=user, dispute=dispute, **data)
                elif action == "assign":
                    services.dispute_assign(actor=user, dispute=dispute, **data)
                elif action == "escalate":
                    services.dispute_escalate(actor=user, dispute=dispute, **data)
                elif action == "extend":
                    services.dispute_extend(actor=user, dispute=dispute, **data)
                elif action == "close":
                    agreement = None
                    if data["status"] == DisputeStatus.RESOLVED:
                        agreement = services.AgreementInput(
                            facts=data["facts"],
                            terms=data["terms"],
                            performance_method=data["performance_method"],
                            performance_due=data["performance_due"],
                            form=data["form"],
                        )
                    services.dispute_close(
                        actor=user,
                        dispute=dispute,
                        status=data["status"],
                        on=data["on"],
                        reason=data["reason"],
                        agreement=agreement,
                    )
                elif action in ("confirm_apply", "confirm_decide"):
                    agreement = dispute.agreement
                    if agreement is None:
                        raise ValidationError(_("该纠纷没有调解协议。"))
                    if action == "confirm_apply":
                        services.confirmation_apply(actor=user, agreement=agreement, **data)
                    else:
                        services.confirmation_decide(actor=user, agreement=agreement, **data)
                elif action == "follow_up":
                    follow_up = FollowUp.objects.filter(dispute=dispute, visited_on__isnull=True).first()
                    if follow_up is None:
                        raise ValidationError(_("没有待回访的记录。"))
                    services.follow_up_record(actor=user, follow_up=follow_up, **data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("mediation:dispute_detail", pk=dispute.pk)
    dispute = selectors.dispute_get(user=request.user, pk=pk)
    context = _detail_context(request, dispute, {action: form})
    return render_page(request, "mediation/dispute_detail.html", context, status=200)


@require_perm("mediation.view")
def agreement_docx_view(request, pk: int):
    dispute = selectors.dispute_get(user=request.user, pk=pk)
    agreement = dispute.agreement
    if agreement is None:
        raise Http404
    response = HttpResponse(
        agreement_docx(agreement),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="agreement-{dispute.number}.docx"'
    return response


@require_perm("mediation.view")
def roster_view(request):
    """调解组织与调解员: lists, and for those who may change them, the forms to add one."""
    user = request.user
    areas = areas_visible_to(user, M, CHANGE).current()
    bodies = selectors.body_list(user=user)
    body_form = f.BodyForm(request.POST if request.POST.get("which") == "body" else None, areas=areas, prefix="body")
    mediator_form = f.MediatorForm(
        request.POST if request.POST.get("which") == "mediator" else None,
        areas=areas,
        bodies=bodies,
        prefix="mediator",
        initial={"valid_from": timezone.localdate()},
    )
    if request.method == "POST":
        if not user.has_perm("mediation.change"):
            raise PermissionDenied
        form = body_form if request.POST.get("which") == "body" else mediator_form
        if form.is_valid():
            try:
                if form is body_form:
                    services.body_create(actor=user, **form.cleaned_data)
                else:
                    services.mediator_create(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied:
                form.add_error("area", _("您无权在该区划登记。"))
            else:
                messages.success(request, _("已保存。"))
                return redirect("mediation:roster")
    context = {
        "bodies": bodies,
        "mediators": selectors.mediator_list(user=user),
        "body_form": body_form,
        "mediator_form": mediator_form,
        "can_change": user.has_perm("mediation.change") and areas.exists(),
    }
    return render_page(request, "mediation/roster.html", context)


@require_perm("mediation.view")
def stats_view(request):
    """Figures for a year over the user's own area (小事不出村、大事不出乡)."""
    from fazhi.core.metrics import Period

    areas = areas_visible_to(request.user, M).order_by("path")
    area = areas.first()
    year = working_year(request)
    summary = selectors.summary(area=area, period=Period.year(year)) if area else None
    return render_page(request, "mediation/stats.html", {"summary": summary, "area": area, "year": year})
