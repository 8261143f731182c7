"""Every write in the petitions app (信访工作条例, 2022). Keyword-only, atomic, validated, scope re-checked;
`actor=None` is the operator (management commands, demo data)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.permissions import active_posts
from fazhi.accounts.roles import Module, Role
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.deadlines import deadline_complete, deadline_extend, deadline_start
from fazhi.core.numbering import next_yearly_number
from fazhi.mediation import services as mediation
from fazhi.people.models import Resident
from fazhi.petitions import links, rules
from fazhi.petitions.choices import ACCEPTED_STATUSES, Channel, Decision, Kind, Stabilisation, Status
from fazhi.petitions.models import KeyPetitioner, KeyPetitionerVisit, Petition, Petitioner, PetitionEvent, StatusChange

P = Module.PETITIONS
MAX_REPRESENTATIVES = 5  # 信访工作条例 第二十条: 多人走访提出同一信访事项，推选代表不超过5人 (docs/law.md PET-04)


def _check(actor, obj) -> None:
    if actor is not None:
        require_change(actor, obj)


def _event(petition: Petition, *, action: str, actor, on: datetime.date, note: str = "") -> None:
    PetitionEvent.objects.create(petition=petition, action=action, actor=actor, on=on, note=note)


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _done(deadline, *, on, actor) -> None:
    if deadline is not None and deadline.status != deadline.Status.DONE:
        deadline_complete(deadline=deadline, on=on, actor=actor)


@dataclass(frozen=True)
class PetitionerInput:
    name: str
    resident: Resident | None = None
    address: str = ""
    is_representative: bool = False


def _township(area: Area) -> Area:
    node = area
    while node.level > Level.TOWNSHIP and node.parent_id:
        node = node.parent
    return node


def petition_duplicates(*, area: Area, names: list[str], residents: list, kind: str, exclude_pk: int | None = None):
    """Petitions in the same township by the same petitioner(s) and of the same type that were already accepted:
    a same matter already accepted is not accepted again (信访工作条例 第十九条; docs/law.md PET-03)."""
    township = _township(area)
    who = Q(petitioners__name__in=[n for n in names if n])
    if residents:
        who |= Q(petitioners__resident__in=residents)
    qs = (
        Petition.objects.filter(area__path__startswith=township.path, kind=kind, status__in=ACCEPTED_STATUSES)
        .filter(who)
        .distinct()
        .order_by("-received_on")
    )
    return qs.exclude(pk=exclude_pk) if exclude_pk else qs


NUMBER_PREFIX = "XF"


def _next_number(on: datetime.date) -> str:
    return next_yearly_number(Petition, NUMBER_PREFIX, on.year)


def petition_register(
    *,
    actor,
    area: Area,
    channel: str,
    kind: str,
    request: str,
    petitioners: list[PetitionerInput],
    received_on: datetime.date | None = None,
    facts: str = "",
    reasons: str = "",
    transferred_in: bool = False,
    accused_name: str = "",
    accused_unit: str = "",
    accused_user=None,
    matter=None,
    dispute=None,
) -> Petition:
    """Register every petition (第二十一条); start the 15-day written-notice clock (第二十三条) and, for one
    transferred or assigned from above, the 5-working-day objection window (第二十三条)."""
    require_area_writable(actor, P, area)
    named = [p for p in petitioners if (p.name or "").strip()]
    errors = {}
    if channel not in Channel.values:
        errors["channel"] = _("请选择信访形式。")
    if kind not in Kind.values:
        errors["kind"] = _("请选择信访类别。")
    if not (request or "").strip():
        errors["request"] = _("请填写信访请求。")
    if not named:
        errors["petitioners"] = _("请填写信访人。")
    representatives = [p for p in named if p.is_representative]
    if len(representatives) > MAX_REPRESENTATIVES or (
        len(named) > MAX_REPRESENTATIVES and channel == Channel.VISIT and not representatives
    ):
        errors["petitioners"] = _(
            "多人走访提出同一信访事项的，应当推选代表，代表人数不超过5人（《信访工作条例》第二十条）。"
        )
    if kind == Kind.ACCUSATION and not (accused_name.strip() or accused_unit.strip() or accused_user):
        errors["accused_name"] = _("检举控告类信访须填写被检举控告的人或单位。")
    if errors:
        raise ValidationError(errors)
    on = received_on or timezone.localdate()
    duplicate = petition_duplicates(
        area=area, names=[p.name.strip() for p in named], residents=[p.resident for p in named if p.resident], kind=kind
    ).first()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                petition = Petition(
                    area=area,
                    number=_next_number(on),
                    channel=channel,
                    kind=kind,
                    request=request.strip(),
                    facts=facts.strip(),
                    reasons=reasons.strip(),
                    received_on=on,
                    transferred_in=transferred_in,
                    accused_name=accused_name.strip(),
                    accused_unit=accused_unit.strip(),
                    accused_user=accused_user,
                    duplicate_of=duplicate,
                    matter=matter,
                    dispute=dispute,
                    registered_by=actor,
                )
                petition.full_clean()
                petition.save()
                for p in named:
                    Petitioner.objects.create(
                        petition=petition,
                        name=p.name.strip(),
                        resident=p.resident,
                        address=p.address.strip(),
                        is_representative=p.is_representative,
                    )
                petition.notice_deadline = deadline_start(
                    subject=petition, rule_key=rules.ensure(rules.NOTICE), start=on, actor=actor
                )
                if transferred_in:
                    petition.objection_deadline = deadline_start(
                        subject=petition, rule_key=rules.ensure(rules.OBJECTION), start=on, actor=actor
                    )
                petition.due_date = petition.notice_deadline.due_date
                petition.save(update_fields=["notice_deadline", "objection_deadline", "due_date"])
                note = _("疑似重复信访：%(n)s") % {"n": duplicate.number} if duplicate else ""
                _event(petition, action=_("登记"), actor=actor, on=on, note=note)
            return petition
        except IntegrityError:
            continue
    raise ValidationError(_("编号生成冲突，请重试。"))


def _require_status(petition: Petition, *allowed: str, verb: str) -> None:
    if petition.status not in allowed:
        raise ValidationError(_("信访事项当前为“%(s)s”，不能%(v)s。") % {"s": petition.get_status_display(), "v": verb})


def petition_accept(
    *, actor, petition: Petition, on: datetime.date | None = None, not_duplicate: bool = False
) -> Petition:
    """受理 and written notice (第二十三条); the 60-day handling clock starts (第三十四条). A petition flagged as a
    duplicate is accepted only when the officer states it is a different matter (`not_duplicate`)."""
    _check(actor, petition)
    on = on or timezone.localdate()
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.REGISTERED, verb=_("受理"))
        original = petition.duplicate_of
        if original is not None and not_duplicate:
            _event(
                petition,
                action=_("排除重复"),
                actor=actor,
                on=on,
                note=_("经核实与%(n)s不是同一事项") % {"n": original.number},
            )
            petition.duplicate_of, original = None, None
        if original is not None and original.status == Status.FINAL:
            raise ValidationError(
                _(
                    "同一信访事项已于%(n)s复核终结，信访人以同一事实和理由提出的，不再受理（《信访工作条例》第三十六条）。"
                )
                % {"n": original.number}
            )
        if original is not None and original.status in ACCEPTED_STATUSES:
            raise ValidationError(
                _("同一信访事项已受理（%(n)s），不予重复受理（《信访工作条例》第十九条）。") % {"n": original.number}
            )
        if on < petition.received_on:
            raise ValidationError({"on": _("受理日期不能早于收到日期。")})
        _done(petition.notice_deadline, on=on, actor=actor)
        _done(petition.objection_deadline, on=on, actor=actor)
        petition.handling_deadline = deadline_start(
            subject=petition, rule_key=rules.ensure(rules.HANDLING), start=on, actor=actor
        )
        petition.status, petition.accepted_on, petition.notified_on = Status.ACCEPTED, on, on
        petition.due_date = petition.handling_deadline.due_date
        petition.save()
        _event(petition, action=_("受理并书面告知"), actor=actor, on=on)
    return petition


def petition_not_accept(*, actor, petition: Petition, reason: str, on: datetime.date | None = None) -> Petition:
    _check(actor, petition)
    on = on or timezone.localdate()
    if not (reason or "").strip():
        raise ValidationError({"reason": _("不予受理须写明理由并书面告知信访人。")})
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.REGISTERED, verb=_("不予受理"))
        _done(petition.notice_deadline, on=on, actor=actor)
        _done(petition.objection_deadline, on=on, actor=actor)
        petition.status, petition.notified_on, petition.not_accepted_reason = Status.NOT_ACCEPTED, on, reason.strip()
        petition.due_date = None
        petition.save()
        _event(petition, action=_("不予受理"), actor=actor, on=on, note=reason.strip())
    return petition


def petition_object(*, actor, petition: Petition, reason: str, on: datetime.date | None = None) -> Petition:
    """A transferred/assigned petition outside our competence: objection with reasons within 5 working days
    (信访工作条例 第二十三条; docs/law.md PET-08)."""
    _check(actor, petition)
    on = on or timezone.localdate()
    if not (reason or "").strip():
        raise ValidationError({"reason": _("提出异议须写明理由。")})
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.REGISTERED, verb=_("提出异议"))
        if not petition.transferred_in or petition.objection_deadline is None:
            raise ValidationError(_("只有上级转送、交办的信访事项才能提出异议。"))
        if on > petition.objection_deadline.due_date:
            raise ValidationError(
                _("已超过提出异议的期限（收到之日起5个工作日，至%(d)s）。")
                % {"d": petition.objection_deadline.due_date}
            )
        _done(petition.objection_deadline, on=on, actor=actor)
        _done(petition.notice_deadline, on=on, actor=actor)
        petition.status, petition.not_accepted_reason, petition.due_date = Status.OBJECTED, reason.strip(), None
        petition.save()
        _event(petition, action=_("提出异议"), actor=actor, on=on, note=reason.strip())
    return petition


def _is_leader(user, area: Area) -> bool:
    return any(post.role == Role.LEADER and post.area.contains(area) for post in active_posts(user))


def petition_extend(
    *,
    actor,
    petition: Petition,
    days: int,
    reason: str,
    approved_by,
    notified_on: datetime.date,
    on: datetime.date | None = None,
) -> Petition:
    """One extension of at most 30 days, approved by the person in charge, the petitioner told the reason
    (信访工作条例 第三十四条; docs/law.md PET-15)."""
    _check(actor, petition)
    on = on or timezone.localdate()
    limit = rules.days(rules.EXTENSION, on)
    errors = {}
    if petition.extension_days:
        raise ValidationError(_("该信访事项已延长过一次办结期限，不得再次延长（《信访工作条例》第三十四条）。"))
    if not days or days < 1 or days > limit:
        errors["days"] = _("延长期限不得超过%(n)d日（《信访工作条例》第三十四条）。") % {"n": limit}
    if not (reason or "").strip():
        errors["reason"] = _("延长须写明理由，并告知信访人。")
    if approved_by is None:
        errors["approved_by"] = _("延长须经本机关负责人批准。")
    elif not _is_leader(approved_by, petition.area):
        errors["approved_by"] = _("批准人须为本乡镇负责人。")
    if notified_on is None:
        errors["notified_on"] = _("请填写告知信访人延期理由的日期。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.ACCEPTED, verb=_("延长期限"))
        if petition.extension_days:
            raise ValidationError(_("该信访事项已延长过一次办结期限，不得再次延长（《信访工作条例》第三十四条）。"))
        deadline = deadline_extend(
            deadline=petition.handling_deadline, days=days, reason=reason.strip(), on=on, actor=actor
        )
        petition.extension_days, petition.extension_reason = days, reason.strip()
        petition.extension_approved_by, petition.extension_notified_on = approved_by, notified_on
        petition.due_date = deadline.due_date
        petition.save()
        _event(petition, action=_("延长办结期限"), actor=actor, on=on, note=f"+{days}：{reason.strip()}")
    return petition


def _decision_errors(decision: str, facts: str, basis: str) -> dict:
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("请选择处理意见（支持、解释说明或不予支持）。")
    if not (facts or "").strip():
        errors["decision_facts"] = _("处理意见书须写明认定的事实和理由。")
    if not (basis or "").strip():
        errors["decision_basis"] = _("处理意见书须写明处理依据。")
    return errors


def petition_reply(
    *,
    actor,
    petition: Petition,
    decision: str,
    decision_facts: str,
    decision_basis: str,
    on: datetime.date | None = None,
) -> Petition:
    """信访处理意见书 (第三十二条): request, facts and reasons, decision and basis. Opens the 30-day window for 复查."""
    _check(actor, petition)
    on = on or timezone.localdate()
    errors = _decision_errors(decision, decision_facts, decision_basis)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.ACCEPTED, verb=_("出具处理意见"))
        if on < petition.accepted_on:
            raise ValidationError({"on": _("答复日期不能早于受理日期。")})
        petition.closed_on_time = on <= petition.handling_deadline.due_date
        _done(petition.handling_deadline, on=on, actor=actor)
        petition.decision, petition.decision_facts, petition.decision_basis = (
            decision,
            decision_facts.strip(),
            decision_basis.strip(),
        )
        petition.replied_on, petition.status = on, Status.REPLIED
        petition.review_request_due = rules.due(rules.REVIEW_REQUEST, on)
        petition.due_date = None
        petition.save()
        _event(petition, action=_("出具处理意见书"), actor=actor, on=on, note=petition.get_decision_display())
    return petition


def petition_request_review(*, actor, petition: Petition, on: datetime.date, organ: str) -> Petition:
    """复查 request within 30 days of the written reply; decision due within 30 days (第三十五条)."""
    _check(actor, petition)
    if not (organ or "").strip():
        raise ValidationError({"organ": _("请填写复查机关。")})
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.REPLIED, verb=_("申请复查"))
        if on > petition.review_request_due:
            raise ValidationError(
                {
                    "on": _("已超过申请复查期限（收到书面答复之日起30日，至%(d)s）。")
                    % {"d": petition.review_request_due}
                }
            )
        petition.review_deadline = deadline_start(
            subject=petition, rule_key=rules.ensure(rules.REVIEW_DECISION), start=on, actor=actor
        )
        petition.status, petition.review_requested_on, petition.review_organ = Status.REVIEW, on, organ.strip()
        petition.due_date = petition.review_deadline.due_date
        petition.save()
        _event(petition, action=_("申请复查"), actor=actor, on=on, note=organ.strip())
    return petition


def petition_review_decide(*, actor, petition: Petition, decision: str, on: datetime.date) -> Petition:
    _check(actor, petition)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择复查意见。")})
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.REVIEW, verb=_("出具复查意见"))
        _done(petition.review_deadline, on=on, actor=actor)
        petition.status, petition.review_decision, petition.review_decided_on = Status.REVIEWED, decision, on
        petition.recheck_request_due = rules.due(rules.RECHECK_REQUEST, on)
        petition.due_date = None
        petition.save()
        _event(petition, action=_("复查意见"), actor=actor, on=on, note=petition.get_review_decision_display())
    return petition


def petition_request_recheck(*, actor, petition: Petition, on: datetime.date, organ: str) -> Petition:
    """复核 request within 30 days of the 复查 reply; decision within 30 days (第三十六条)."""
    _check(actor, petition)
    if not (organ or "").strip():
        raise ValidationError({"organ": _("请填写复核机关。")})
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.REVIEWED, verb=_("申请复核"))
        if on > petition.recheck_request_due:
            raise ValidationError(
                {
                    "on": _("已超过申请复核期限（收到复查意见之日起30日，至%(d)s）。")
                    % {"d": petition.recheck_request_due}
                }
            )
        petition.recheck_deadline = deadline_start(
            subject=petition, rule_key=rules.ensure(rules.RECHECK_DECISION), start=on, actor=actor
        )
        petition.status, petition.recheck_requested_on, petition.recheck_organ = Status.RECHECK, on, organ.strip()
        petition.due_date = petition.recheck_deadline.due_date
        petition.save()
        _event(petition, action=_("申请复核"), actor=actor, on=on, note=organ.strip())
    return petition


def petition_recheck_decide(*, actor, petition: Petition, decision: str, on: datetime.date) -> Petition:
    """After 复核 the matter is closed: the same facts and reasons are not accepted again (第三十六条)."""
    _check(actor, petition)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择复核意见。")})
    with transaction.atomic():
        petition = _locked(petition)
        _require_status(petition, Status.RECHECK, verb=_("出具复核意见"))
        _done(petition.recheck_deadline, on=on, actor=actor)
        petition.status, petition.recheck_decision, petition.recheck_decided_on = Status.FINAL, decision, on
        petition.due_date = None
        petition.save()
        _event(petition, action=_("复核意见（终结）"), actor=actor, on=on, note=petition.get_recheck_decision_display())
    return petition


# --- 信访 ↔ 调解 ---------------------------------------------------------------------------------------------------


def petition_to_dispute(*, actor, petition: Petition, **fields):
    """A petition suited to mediation (第三十三条) becomes a dispute; both records point at each other."""
    _check(actor, petition)
    if petition.dispute_id:
        raise ValidationError(_("该信访事项已转为矛盾纠纷 %(n)s。") % {"n": petition.dispute.number})
    if petition.kind == Kind.ACCUSATION:
        raise ValidationError(_("检举控告类信访事项不能转为人民调解。"))
    parties = [
        mediation.PartyInput(name=p.name, resident=p.resident, address=p.address) for p in petition.petitioners.all()
    ]
    fields.setdefault("title", petition.request[:200])
    fields.setdefault("facts", "\n".join(t for t in (petition.facts, petition.reasons) if t))
    fields.setdefault("area", petition.area)
    with transaction.atomic():
        dispute = mediation.dispute_create(actor=actor, source=links.SOURCE_PETITION, parties=parties, **fields)
        petition.dispute = dispute
        petition.save(update_fields=["dispute"])
        _event(petition, action=_("转人民调解"), actor=actor, on=dispute.received_on, note=dispute.number)
    return dispute


def petition_from_dispute(*, actor, dispute, channel: str, kind: str = Kind.APPEAL, **fields) -> Petition:
    """A dispute whose parties turn to petitioning: the petition is registered linked to the dispute."""
    if Petition.objects.filter(dispute=dispute).exists():
        raise ValidationError(_("该纠纷已登记为信访事项。"))
    petitioners = [PetitionerInput(name=p.name, resident=p.resident, address=p.address) for p in dispute.parties.all()]
    fields.setdefault("request", dispute.title)
    fields.setdefault("facts", dispute.facts)
    fields.setdefault("area", dispute.area)
    return petition_register(
        actor=actor, channel=channel, kind=kind, petitioners=petitioners, dispute=dispute, **fields
    )


# --- 信访重点人员 ---------------------------------------------------------------------------------------------------


def key_petitioner_create(
    *,
    actor,
    area: Area,
    name: str,
    since: datetime.date,
    resident: Resident | None = None,
    responsible_leader=None,
    appeal: str = "",
    status: str = Stabilisation.PETITIONING,
) -> KeyPetitioner:
    require_area_writable(actor, P, area)
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("请填写姓名。")
    if status not in Stabilisation.values:
        errors["status"] = _("请选择稳控状态。")
    if responsible_leader is not None and not _is_leader(responsible_leader, area):
        errors["responsible_leader"] = _("包案领导须为本乡镇领导。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        kp = KeyPetitioner(
            area=area,
            name=name.strip(),
            resident=resident,
            responsible_leader=responsible_leader,
            appeal=appeal.strip(),
            status=status,
            status_since=since,
        )
        kp.full_clean()
        kp.save()
        StatusChange.objects.create(key_petitioner=kp, status=status, on=since, actor=actor, note=_("列为信访重点人员"))
    return kp


def key_petitioner_set_status(
    *, actor, key_petitioner: KeyPetitioner, status: str, on: datetime.date, note: str = ""
) -> KeyPetitioner:
    _check(actor, key_petitioner)
    if status not in Stabilisation.values:
        raise ValidationError({"status": _("请选择稳控状态。")})
    if status == key_petitioner.status:
        raise ValidationError({"status": _("状态未变化。")})
    if on < key_petitioner.status_since:
        raise ValidationError({"on": _("日期不能早于上一状态日期（%(d)s）。") % {"d": key_petitioner.status_since}})
    with transaction.atomic():
        key_petitioner.status, key_petitioner.status_since = status, on
        key_petitioner.save(update_fields=["status", "status_since", "updated_at"])
        StatusChange.objects.create(key_petitioner=key_petitioner, status=status, on=on, note=note.strip(), actor=actor)
    return key_petitioner


def key_petitioner_visit(
    *, actor, key_petitioner: KeyPetitioner, visited_on: datetime.date, visitors: str, notes: str
) -> KeyPetitionerVisit:
    _check(actor, key_petitioner)
    errors = {}
    if not (visitors or "").strip():
        errors["visitors"] = _("请填写走访人。")
    if not (notes or "").strip():
        errors["notes"] = _("请填写走访情况。")
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("走访日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)
    return KeyPetitionerVisit.objects.create(
        key_petitioner=key_petitioner,
        visited_on=visited_on,
        visitors=visitors.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
