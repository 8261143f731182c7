"""Every write in the mediation app. Keyword-only, atomic, validated, scope re-checked; `actor=None` is the
operator (management commands, demo data)."""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.permissions import active_posts
from fazhi.accounts.roles import Module, Role
from fazhi.areas.models import Area
from fazhi.areas.scoping import area_in_scope, require_area_writable
from fazhi.core.deadlines import deadline_complete, deadline_extend, deadline_start
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.encryption import mask_phone
from fazhi.core.numbering import next_yearly_number
from fazhi.core.workdays import add_period
from fazhi.grid import services as grid_services
from fazhi.mediation import rules
from fazhi.mediation.choices import (
    DISPUTE_TYPE,
    MEDIATOR_KIND,
    TIER_ORDER,
    AgreementForm,
    BodyKind,
    ConfirmationResult,
    DisputeSource,
    DisputeStatus,
    PartyRole,
    Performance,
    Tier,
)
from fazhi.mediation.models import (
    Agreement,
    Dispute,
    DisputeEvent,
    DisputeParty,
    FollowUp,
    MediationBody,
    Mediator,
    Session,
    TierChange,
)
from fazhi.people.models import Resident

M = Module.MEDIATION


def _check_dispute_change(actor, dispute: Dispute) -> None:
    """A mediator changes only the disputes they may see (assigned or their body's); others by area scope."""
    if actor is None:
        return
    if not Dispute.objects.visible_to(actor).filter(pk=dispute.pk).exists():
        raise PermissionDenied
    if not Dispute.objects.visible_to(actor, "change").filter(pk=dispute.pk).exists():
        raise PermissionDenied


def _event(dispute: Dispute, *, action: str, actor, on: datetime.date, note: str = "") -> None:
    DisputeEvent.objects.create(dispute=dispute, action=action, actor=actor, on=on, note=note)


# --- 调解组织与调解员 --------------------------------------------------------------------------------------------


def body_create(*, actor, area: Area, name: str, kind: str, address: str = "") -> MediationBody:
    require_area_writable(actor, M, area)
    body = MediationBody(area=area, name=(name or "").strip(), kind=kind, address=address.strip())
    with transaction.atomic():
        body.full_clean()
        body.save()
    return body


def mediator_create(
    *,
    actor,
    area: Area,
    name: str,
    kind: str,
    body: MediationBody | None = None,
    user=None,
    unit: str = "",
    phone: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Mediator:
    require_area_writable(actor, M, area)
    errors = {}
    if kind not in {c for c, _l in dictionary_choices(MEDIATOR_KIND)}:
        errors["kind"] = _("请选择调解员类别。")
    if body is not None and not (body.area.contains(area) or area.contains(body.area)):
        errors["body"] = _("所选调解组织不在该区划。")
    phone = (phone or "").strip()
    if phone and not (phone.isdigit() and 7 <= len(phone) <= 12):
        errors["phone"] = _("联系电话须为7至12位数字。")
    if errors:
        raise ValidationError(errors)
    mediator = Mediator(
        area=area,
        name=(name or "").strip(),
        kind=kind,
        body=body,
        user=user,
        unit=unit.strip(),
        phone=phone,
        phone_masked=mask_phone(phone),
        valid_from=valid_from or timezone.localdate(),
        valid_to=valid_to,
    )
    with transaction.atomic():
        mediator.full_clean()
        mediator.save()
    return mediator


# --- 纠纷登记 -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    name: str
    role: str = PartyRole.APPLICANT
    resident: Resident | None = None
    address: str = ""


NUMBER_PREFIX = "TJ"


def _next_number(on: datetime.date) -> str:
    return next_yearly_number(Dispute, NUMBER_PREFIX, on.year)


def _is_leader(user, area: Area) -> bool:
    """包案领导: a township leader (乡镇领导 post) whose area covers the dispute."""
    return any(post.role == Role.LEADER and post.area.contains(area) for post in active_posts(user))


def _tier_errors(*, tier: str, body, mediators, leader, area: Area) -> dict:
    """Tier routing (seed report: 简易纠纷现场调解、一般纠纷工作室化解、疑难纠纷领导包案限期办结;
    docs/law.md MED-21)."""
    errors: dict = {}
    if tier not in Tier.values:
        errors["tier"] = _("请选择处理层级。")
    elif tier == Tier.GENERAL:
        if body is None or body.kind == BodyKind.VILLAGE_COMMITTEE:
            errors["body"] = _("一般纠纷由乡调委会或调解工作室化解，请选择调解组织。")
        if not mediators:
            errors["mediators"] = _("一般纠纷须指定调解员。")
    elif tier == Tier.DIFFICULT:
        if leader is None:
            errors["leader"] = _("疑难纠纷须指定包案领导。")
        elif not _is_leader(leader, area):
            errors["leader"] = _("包案领导须为本乡镇领导。")
    if body is not None and not (body.area.contains(area) or area.contains(body.area)):
        errors["body"] = _("所选调解组织不管辖该区划。")
    for mediator in mediators:
        if not (mediator.area.contains(area) or area.contains(mediator.area)):
            errors["mediators"] = _("调解员“%(n)s”不在该区划。") % {"n": mediator.name}
    return errors


def _start_tier_deadline(dispute: Dispute, *, on: datetime.date, actor) -> None:
    key = rules.TIER_RULE.get(dispute.tier)
    if key is None:
        dispute.deadline, dispute.due_date = None, None
    else:
        deadline = deadline_start(subject=dispute, rule_key=rules.ensure(key), start=on, actor=actor)
        dispute.deadline, dispute.due_date = deadline, deadline.due_date
    dispute.save(update_fields=["deadline", "due_date"])


def dispute_create(
    *,
    actor,
    area: Area,
    title: str,
    dispute_type: str,
    tier: str,
    source: str,
    parties: list[PartyInput],
    received_on: datetime.date | None = None,
    facts: str = "",
    key_group: bool = False,
    amount: Decimal | None = None,
    body: MediationBody | None = None,
    mediators=(),
    leader=None,
    matter=None,
) -> Dispute:
    """Register a dispute in its tier; 一般 and 疑难 start their deadline (configurable rules, see rules.py)."""
    require_area_writable(actor, M, area)
    mediators = list(mediators)
    errors = _tier_errors(tier=tier, body=body, mediators=mediators, leader=leader, area=area)
    if dispute_type not in {c for c, _l in dictionary_choices(DISPUTE_TYPE)}:
        errors["dispute_type"] = _("请选择纠纷类型。")
    if source not in DisputeSource.values:
        errors["source"] = _("请选择纠纷来源。")
    if not (title or "").strip():
        errors["title"] = _("请填写纠纷简述。")
    named = [p for p in parties if (p.name or "").strip()]
    if len(named) < 1:
        errors["parties"] = _("请至少填写一名当事人。")
    for party in named:
        if (
            party.resident is not None
            and actor is not None
            and not area_in_scope(actor, Module.PEOPLE, party.resident.area)
        ):
            errors["parties"] = _("所选居民不在您的管辖范围内。")
    if amount is not None and amount < 0:
        errors["amount"] = _("涉及金额不能为负数。")
    if errors:
        raise ValidationError(errors)
    on = received_on or timezone.localdate()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                dispute = Dispute(
                    area=area,
                    number=_next_number(on),
                    title=title.strip(),
                    facts=(facts or "").strip(),
                    dispute_type=dispute_type,
                    key_group=key_group,
                    amount=amount,
                    source=source,
                    tier=tier,
                    body=body,
                    leader=leader if tier == Tier.DIFFICULT else None,
                    received_on=on,
                    matter=matter,
                    created_by=actor,
                )
                dispute.full_clean()
                dispute.save()
                dispute.mediators.set(mediators)
                for party in named:
                    DisputeParty.objects.create(
                        dispute=dispute,
                        role=party.role,
                        name=party.name.strip(),
                        resident=party.resident,
                        address=party.address.strip(),
                    )
                TierChange.objects.create(dispute=dispute, to_tier=tier, on=on, actor=actor, reason=_("受理"))
                _start_tier_deadline(dispute, on=on, actor=actor)
                _event(dispute, action=_("受理登记"), actor=actor, on=on, note=dispute.get_tier_display())
            return dispute
        except IntegrityError:
            continue  # another dispute took the number: take the next one
    raise ValidationError(_("编号生成冲突，请重试。"))


def dispute_create_from_matter(*, actor, matter, tier: str = Tier.GENERAL, **fields) -> Dispute:
    """A matter (群众说事) becomes a dispute: parties and facts are taken from it, and grid marks it 已转调解."""
    if actor is not None and not area_in_scope(actor, Module.GRID, matter.area):
        raise PermissionDenied
    if matter.disputes.exists():
        raise ValidationError(_("该事项已转为矛盾纠纷，请勿重复登记。"))
    fields.pop("source", None)  # always 群众说事转入
    parties = fields.pop("parties", None) or [
        PartyInput(name=matter.raised_by or _("反映人"), resident=matter.resident)
    ]

    # The person who raised the matter keeps the address the matter knew (enter once); other parties are new.
    def is_raiser(p: PartyInput) -> bool:
        if matter.resident_id and p.resident is not None:
            return p.resident.pk == matter.resident_id
        return (p.name or "").strip() == matter.raised_by

    parties = [replace(p, address=matter.place) if not p.address and is_raiser(p) else p for p in parties]
    fields.setdefault("title", matter.description[:200])
    fields.setdefault("facts", matter.description)
    fields.setdefault("area", matter.area)
    with transaction.atomic():
        dispute = dispute_create(
            actor=actor, tier=tier, source=DisputeSource.MATTER, parties=parties, matter=matter, **fields
        )
        grid_services.matter_transfer(
            actor=actor, matter=matter, to="mediation", target=dispute, note=_("转为纠纷 %(n)s") % {"n": dispute.number}
        )
    return dispute


def _locked(dispute: Dispute) -> Dispute:
    return Dispute.objects.select_for_update().get(pk=dispute.pk)


def dispute_escalate(
    *,
    actor,
    dispute: Dispute,
    reason: str,
    on: datetime.date | None = None,
    body: MediationBody | None = None,
    mediators=(),
    leader=None,
) -> Dispute:
    """One tier up (简易 → 一般 → 疑难), with the reason; the history keeps every level."""
    _check_dispute_change(actor, dispute)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("升级须写明理由。")})
    on = on or timezone.localdate()
    with transaction.atomic():
        dispute = _locked(dispute)
        if dispute.status != DisputeStatus.OPEN:
            raise ValidationError(_("只有调解中的纠纷才能升级。"))
        index = TIER_ORDER.index(dispute.tier)
        if index == len(TIER_ORDER) - 1:
            raise ValidationError(_("疑难纠纷已是最高层级，不能再升级。"))
        target = TIER_ORDER[index + 1]
        body = body or dispute.body
        mediators = list(mediators) or list(dispute.mediators.all())
        errors = _tier_errors(tier=target, body=body, mediators=mediators, leader=leader, area=dispute.area)
        if errors:
            raise ValidationError(errors)
        if dispute.deadline_id:
            deadline_complete(deadline=dispute.deadline, on=on, actor=actor)
        TierChange.objects.create(
            dispute=dispute, from_tier=dispute.tier, to_tier=target, reason=reason.strip(), on=on, actor=actor
        )
        dispute.tier, dispute.body = target, body
        if target == Tier.DIFFICULT:
            dispute.leader = leader
        dispute.save(update_fields=["tier", "body", "leader"])
        dispute.mediators.set(mediators)
        _start_tier_deadline(dispute, on=on, actor=actor)
        _event(dispute, action=_("升级"), actor=actor, on=on, note=f"{dispute.get_tier_display()}：{reason.strip()}")
    return dispute


def dispute_assign(
    *, actor, dispute: Dispute, body: MediationBody | None, mediators, on: datetime.date | None = None
) -> Dispute:
    """Assign (or change) the mediation body and mediators of an open dispute in its current tier (人民调解法
    第十九条: mediators are assigned by the committee or chosen by the parties; docs/law.md MED-07)."""
    _check_dispute_change(actor, dispute)
    on = on or timezone.localdate()
    mediators = list(mediators)
    with transaction.atomic():
        dispute = _locked(dispute)
        if dispute.status != DisputeStatus.OPEN:
            raise ValidationError(_("只有调解中的纠纷才能指派调解员。"))
        errors = _tier_errors(
            tier=dispute.tier, body=body, mediators=mediators, leader=dispute.leader, area=dispute.area
        )
        if not mediators:
            errors.setdefault("mediators", _("请至少指派一名调解员。"))
        if errors:
            raise ValidationError(errors)
        dispute.body = body
        dispute.save(update_fields=["body"])
        dispute.mediators.set(mediators)
        names = "、".join(m.name for m in mediators)
        _event(dispute, action=_("指派调解员"), actor=actor, on=on, note=f"{body.name if body else ''} {names}".strip())
    return dispute


def dispute_extend(*, actor, dispute: Dispute, days: int, reason: str, on: datetime.date | None = None) -> Dispute:
    """Extend the deadline with a reason, recorded in the deadline's events. The 包案领导 cannot move the
    deadline of a difficult dispute by themselves (seed: 领导包案限期办结)."""
    _check_dispute_change(actor, dispute)
    on = on or timezone.localdate()
    with transaction.atomic():
        dispute = _locked(dispute)
        if dispute.status != DisputeStatus.OPEN or dispute.deadline_id is None:
            raise ValidationError(_("只有计时中的纠纷才能延长期限。"))
        if dispute.tier == Tier.DIFFICULT and actor is not None and actor.pk == dispute.leader_id:
            raise ValidationError(_("包案领导不能自行延长办结期限，须由其他负责人批准。"))
        deadline = deadline_extend(
            deadline=dispute.deadline, days=days, reason=(reason or "").strip(), on=on, actor=actor
        )
        dispute.due_date = deadline.due_date
        dispute.save(update_fields=["due_date"])
        _event(dispute, action=_("延长期限"), actor=actor, on=on, note=f"+{days}：{reason.strip()}")
    return dispute


# --- 调解记录、结案、协议 ---------------------------------------------------------------------------------------


def session_record(
    *,
    actor,
    dispute: Dispute,
    held_on: datetime.date,
    place: str,
    notes: str,
    mediators=(),
    parties_present: str = "",
    file=None,
) -> Session:
    _check_dispute_change(actor, dispute)
    errors = {}
    if dispute.status != DisputeStatus.OPEN:
        errors["__all__"] = _("纠纷已结案，不能再记录调解。")
    if held_on < dispute.received_on:
        errors["held_on"] = _("调解日期不能早于受理日期。")
    if held_on > timezone.localdate():
        errors["held_on"] = _("调解日期不能晚于今天。")
    if not (notes or "").strip():
        errors["notes"] = _("请填写调解情况。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        session = Session(
            dispute=dispute,
            held_on=held_on,
            place=(place or "").strip(),
            notes=notes.strip(),
            parties_present=parties_present.strip(),
            recorded_by=actor,
        )
        if file:
            session.file = file
        session.full_clean()
        session.save()
        session.mediators.set(list(mediators) or list(dispute.mediators.all()))
    return session


@dataclass(frozen=True)
class AgreementInput:
    facts: str
    terms: str
    performance_method: str
    performance_due: datetime.date
    form: str = AgreementForm.WRITTEN
    effective_on: datetime.date | None = None


def dispute_close(
    *,
    actor,
    dispute: Dispute,
    status: str,
    on: datetime.date | None = None,
    reason: str = "",
    agreement: AgreementInput | None = None,
) -> Dispute:
    """调解成功 with a written or oral agreement (人民调解法 第二十八条); 调解不成 / 终止 with the reason and the
    parties told of 仲裁、行政、司法 routes (第二十六条; docs/law.md MED-11)."""
    _check_dispute_change(actor, dispute)
    on = on or timezone.localdate()
    errors = {}
    if status not in (DisputeStatus.RESOLVED, DisputeStatus.FAILED, DisputeStatus.TERMINATED):
        errors["status"] = _("请选择调解结果。")
    if status == DisputeStatus.RESOLVED:
        if agreement is None:
            errors["terms"] = _("调解成功须记录调解协议（书面或口头）。")
        else:
            if not agreement.terms.strip():
                errors["terms"] = _("请填写协议内容。")
            if not agreement.performance_method.strip():
                errors["performance_method"] = _("请填写履行方式。")
            if agreement.performance_due is None:
                errors["performance_due"] = _("请填写履行期限。")
            if agreement.form not in AgreementForm.values:
                errors["form"] = _("请选择协议形式。")
    elif not (reason or "").strip():
        errors["reason"] = _("调解不成或终止调解须写明理由，并告知当事人可通过仲裁、行政、司法等途径解决。")
    if on < dispute.received_on:
        errors["on"] = _("结案日期不能早于受理日期。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        dispute = _locked(dispute)
        if dispute.status != DisputeStatus.OPEN:
            raise ValidationError(_("纠纷当前为“%(s)s”，不能再结案。") % {"s": dispute.get_status_display()})
        dispute.status, dispute.closed_on, dispute.outcome_reason = status, on, (reason or "").strip()
        dispute.full_clean()
        dispute.save(update_fields=["status", "closed_on", "outcome_reason"])
        if dispute.deadline_id:
            deadline_complete(deadline=dispute.deadline, on=on, actor=actor)
        if status == DisputeStatus.RESOLVED:
            record = Agreement(
                dispute=dispute,
                form=agreement.form,
                facts=agreement.facts.strip() or dispute.facts or dispute.title,
                terms=agreement.terms.strip(),
                performance_method=agreement.performance_method.strip(),
                performance_due=agreement.performance_due,
                effective_on=agreement.effective_on or on,
            )
            record.full_clean()
            record.save()
            FollowUp.objects.create(dispute=dispute, due_on=add_period(on, _rule_days(rules.FOLLOW_UP, on), "natural"))
        _event(dispute, action=dispute.get_status_display(), actor=actor, on=on, note=reason.strip())
    return dispute


def _rule_days(key: str, on: datetime.date) -> int:
    from fazhi.core.deadlines import deadline_rule_current

    rules.ensure(key)
    return deadline_rule_current(key=key, on=on).days


def dispute_record_on_site(*, actor, on: datetime.date, agreement: AgreementInput, **fields) -> Dispute:
    """简易纠纷: mediated on the spot and recorded after the fact in one form (registered and closed at once)."""
    with transaction.atomic():
        dispute = dispute_create(actor=actor, tier=Tier.SIMPLE, received_on=on, **fields)
        return dispute_close(actor=actor, dispute=dispute, status=DisputeStatus.RESOLVED, on=on, agreement=agreement)


# --- 司法确认、回访 ---------------------------------------------------------------------------------------------


def confirmation_apply(*, actor, agreement: Agreement, applied_on: datetime.date, court: str) -> Agreement:
    """司法确认: applied within 30 days of the agreement taking effect (人民调解法 第三十三条; docs/law.md MED-16)."""
    _check_dispute_change(actor, agreement.dispute)
    rules.ensure(rules.CONFIRMATION)
    limit = add_period(agreement.effective_on, _rule_days(rules.CONFIRMATION, agreement.effective_on), "natural")
    errors = {}
    if not (court or "").strip():
        errors["court"] = _("请填写受理法院。")
    if applied_on < agreement.effective_on:
        errors["applied_on"] = _("申请日期不能早于协议生效日期。")
    elif applied_on > limit:
        errors["applied_on"] = _("已超过申请司法确认的期限（协议生效之日起30日内，至%(d)s）。") % {"d": limit}
    if agreement.confirmation_applied_on:
        errors["applied_on"] = _("该协议已申请司法确认。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        agreement.confirmation_applied_on, agreement.confirmation_court = applied_on, court.strip()
        agreement.confirmation_result = ConfirmationResult.PENDING
        agreement.full_clean()
        agreement.save()
        _event(agreement.dispute, action=_("申请司法确认"), actor=actor, on=applied_on, note=court.strip())
    return agreement


def confirmation_decide(*, actor, agreement: Agreement, result: str, decided_on: datetime.date) -> Agreement:
    _check_dispute_change(actor, agreement.dispute)
    if not agreement.confirmation_applied_on:
        raise ValidationError(_("该协议尚未申请司法确认。"))
    if result not in (ConfirmationResult.CONFIRMED, ConfirmationResult.REJECTED):
        raise ValidationError({"result": _("请选择司法确认结果。")})
    if decided_on < agreement.confirmation_applied_on:
        raise ValidationError({"decided_on": _("裁定日期不能早于申请日期。")})
    with transaction.atomic():
        agreement.confirmation_result, agreement.confirmation_decided_on = result, decided_on
        agreement.save(update_fields=["confirmation_result", "confirmation_decided_on"])
        _event(
            agreement.dispute,
            action=_("司法确认结果"),
            actor=actor,
            on=decided_on,
            note=agreement.get_confirmation_result_display(),
        )
    return agreement


def follow_up_record(
    *,
    actor,
    follow_up: FollowUp,
    visited_on: datetime.date,
    performance: str,
    notes: str = "",
    reopen: bool = False,
) -> FollowUp:
    """回访: records whether the agreement was performed; an unperformed agreement may reopen the dispute."""
    dispute = follow_up.dispute
    _check_dispute_change(actor, dispute)
    errors = {}
    if follow_up.visited_on:
        errors["__all__"] = _("该回访已记录。")
    if performance not in Performance.values or performance == Performance.PENDING:
        errors["performance"] = _("请选择协议履行情况。")
    if dispute.closed_on and visited_on < dispute.closed_on:
        errors["visited_on"] = _("回访日期不能早于结案日期。")
    if reopen and performance == Performance.PERFORMED:
        errors["reopen"] = _("协议已履行，无需重新调解。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        follow_up.visited_on, follow_up.performance, follow_up.notes = visited_on, performance, notes.strip()
        follow_up.reopened, follow_up.visitor = reopen, actor
        follow_up.save()
        agreement = dispute.agreement
        if agreement is not None:
            agreement.performance = performance
            agreement.save(update_fields=["performance"])
        _event(dispute, action=_("回访"), actor=actor, on=visited_on, note=follow_up.get_performance_display())
        if reopen:
            dispute = _locked(dispute)
            dispute.status, dispute.closed_on = DisputeStatus.OPEN, None
            dispute.save(update_fields=["status", "closed_on"])
            _start_tier_deadline(dispute, on=visited_on, actor=actor)
            _event(dispute, action=_("重新调解"), actor=actor, on=visited_on, note=_("协议未履行"))
    return follow_up
