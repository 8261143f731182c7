"""Every write of the counsel app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.counsel.choices import AdviserLevel, CaseKind, CaseOutcome, ReviewConclusion
from fazhi.counsel.models import Adviser, Consultation, ContractReview, CourtAppearance, DutyDay, LegalCase, Opinion


def _not_future(field: str, day: datetime.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


# An adviser's level by the level of the area they are registered in: the default when none is chosen.
LEVEL_OF_AREA = {
    Level.COUNTY: AdviserLevel.COUNTY,
    Level.TOWNSHIP: AdviserLevel.TOWNSHIP,
    Level.VILLAGE: AdviserLevel.VILLAGE,
}
_RANK = [AdviserLevel.COUNTY, AdviserLevel.TOWNSHIP, AdviserLevel.VILLAGE]


def adviser_create(
    *,
    actor,
    area: Area,
    name: str,
    contract_from: datetime.date,
    contract_to: datetime.date,
    firm: str = "",
    level: str = "",
) -> Adviser:
    require_area_writable(actor, Module.COUNSEL, area)
    if area.level not in LEVEL_OF_AREA:
        raise ValidationError({"area": _("法律顾问登记在县、乡镇或村（社区）。")})
    if contract_to < contract_from:
        raise ValidationError({"contract_to": _("聘期止不能早于聘期起。")})
    level = level or LEVEL_OF_AREA[area.level]
    if level not in AdviserLevel.values:
        raise ValidationError({"level": _("请选择顾问层级。")})
    # A village's adviser may sit on the township's register, not the other way round: a village cannot retain
    # the township's adviser.
    if _RANK.index(level) < _RANK.index(LEVEL_OF_AREA[area.level]):
        raise ValidationError(
            {
                "level": _("顾问层级不能高于所属区划：%(a)s登记的顾问不能是%(l)s。")
                % {"a": area.name, "l": AdviserLevel(level).label}
            }
        )
    with transaction.atomic():
        adviser = Adviser(
            area=area,
            name=name.strip(),
            firm=firm.strip(),
            level=level,
            contract_from=contract_from,
            contract_to=contract_to,
        )
        adviser.full_clean()
        adviser.save()
    return adviser


def _check_adviser(actor, adviser: Adviser, area: Area, field: str) -> None:
    """The adviser must be one the actor may see (another area's id reads as not existing) and serve `area`."""
    if actor is not None and not Adviser.objects.visible_to(actor).filter(pk=adviser.pk).exists():
        raise ValidationError({field: _("所选顾问不存在。")})
    if not adviser.area.contains(area):
        raise ValidationError({field: _("所选顾问不服务于该区划。")})


def _in_contract(adviser: Adviser, day: datetime.date, field: str) -> None:
    if not adviser.contract_from <= day <= adviser.contract_to:
        raise ValidationError({field: _("日期不在该顾问的聘期内。")})


def duty_day_add(*, actor, adviser: Adviser, on: datetime.date, place: str = "", note: str = "") -> DutyDay:
    if actor is not None:
        require_change(actor, adviser)
    _not_future("on", on)
    _in_contract(adviser, on, "on")
    with transaction.atomic():
        if DutyDay.objects.filter(adviser=adviser, on=on).exists():
            raise ValidationError({"on": _("该日已登记坐班。")})
        day = DutyDay(adviser=adviser, on=on, place=place.strip(), note=note.strip())
        day.full_clean()
        day.save()
    return day


def opinion_add(*, actor, adviser: Adviser, issued_on: datetime.date, kind: str, subject: str) -> Opinion:
    if actor is not None:
        require_change(actor, adviser)
    _not_future("issued_on", issued_on)
    _in_contract(adviser, issued_on, "issued_on")
    with transaction.atomic():
        opinion = Opinion(adviser=adviser, issued_on=issued_on, kind=kind, subject=subject.strip())
        opinion.full_clean()
        opinion.save()
    return opinion


def consultation_create(
    *,
    actor,
    area: Area,
    received_on: datetime.date,
    topic: str,
    headcount: int = 1,
    person: str = "",
    referred_to_mediation: bool = False,
    adviser: Adviser | None = None,
) -> Consultation:
    require_area_writable(actor, Module.COUNSEL, area)
    _not_future("received_on", received_on)
    if headcount is None or headcount < 1:
        raise ValidationError({"headcount": _("人次至少为1。")})
    if adviser is not None:
        _check_adviser(actor, adviser, area, "adviser")
    with transaction.atomic():
        row = Consultation(
            area=area,
            received_on=received_on,
            topic=topic.strip(),
            headcount=headcount,
            person=person.strip(),
            referred_to_mediation=referred_to_mediation,
            adviser=adviser,
        )
        row.full_clean()
        row.save()
    return row


# --- 合同合法性审查 -------------------------------------------------------------------------------------------------


def contract_create(
    *,
    actor,
    area: Area,
    title: str,
    counterparty: str,
    drafting_unit: str,
    submitted_on: datetime.date,
    amount: Decimal | None = None,
) -> ContractReview:
    require_area_writable(actor, Module.COUNSEL, area)
    _not_future("submitted_on", submitted_on)
    if amount is not None and amount < 0:
        raise ValidationError({"amount": _("合同金额不能为负数。")})
    with transaction.atomic():
        contract = ContractReview(
            area=area,
            title=title.strip(),
            counterparty=counterparty.strip(),
            drafting_unit=drafting_unit.strip(),
            submitted_on=submitted_on,
            amount=amount,
        )
        contract.full_clean()
        contract.save()
    return contract


def contract_review(
    *,
    actor,
    contract: ContractReview,
    reviewer: Adviser,
    reviewed_on: datetime.date,
    conclusion: str,
    opinion: str = "",
) -> ContractReview:
    if actor is not None:
        require_change(actor, contract)
    _check_adviser(actor, reviewer, contract.area, "reviewer")
    _not_future("reviewed_on", reviewed_on)
    _in_contract(reviewer, reviewed_on, "reviewed_on")
    if reviewed_on < contract.submitted_on:
        raise ValidationError({"reviewed_on": _("审查日期不能早于送审日期。")})
    if conclusion != ReviewConclusion.PASSED and not opinion.strip():
        raise ValidationError({"opinion": _("修改后通过或不通过的，须写明审查意见。")})
    with transaction.atomic():
        contract = ContractReview.objects.select_for_update().get(pk=contract.pk)
        if contract.signed_on:
            raise ValidationError(_("合同已签订，不能再修改审查结论。"))
        contract.reviewer, contract.reviewed_on = reviewer, reviewed_on
        contract.conclusion, contract.opinion = conclusion, opinion.strip()
        contract.full_clean()
        contract.save()
    return contract


def contract_sign(*, actor, contract: ContractReview, signed_on: datetime.date) -> ContractReview:
    if actor is not None:
        require_change(actor, contract)
    _not_future("signed_on", signed_on)
    with transaction.atomic():
        contract = ContractReview.objects.select_for_update().get(pk=contract.pk)
        if contract.signed_on:
            raise ValidationError(_("该合同已登记签订。"))
        # 合同合法性审查 precedes signing: the general 合法性审查 requirement of 法治政府建设实施纲要（2021—2025年）;
        # docs/law.md lists no contract-specific article, so this gate is our convention [C].
        if not contract.is_passed:
            raise ValidationError(_("合同未经合法性审查通过，不得签订。"))
        if signed_on < contract.reviewed_on:
            raise ValidationError({"signed_on": _("签订日期不能早于审查日期。")})
        contract.signed_on = signed_on
        contract.full_clean()
        contract.save(update_fields=["signed_on"])
    return contract


# --- 行政复议、行政诉讼 ---------------------------------------------------------------------------------------------


def legal_case_create(
    *,
    actor,
    area: Area,
    kind: str,
    case_number: str,
    claimant: str,
    subject: str,
    filed_on: datetime.date,
    organ: str,
) -> LegalCase:
    require_area_writable(actor, Module.COUNSEL, area)
    _not_future("filed_on", filed_on)
    case_number = case_number.strip()
    with transaction.atomic():
        if LegalCase.objects.filter(kind=kind, case_number=case_number).exists():
            raise ValidationError({"case_number": _("该案号已登记。")})
        case = LegalCase(
            area=area,
            kind=kind,
            case_number=case_number,
            claimant=claimant.strip(),
            subject=subject.strip(),
            filed_on=filed_on,
            organ=organ.strip(),
        )
        case.full_clean()
        case.save()
    return case


def legal_case_close(*, actor, case: LegalCase, outcome: str, closed_on: datetime.date) -> LegalCase:
    if actor is not None:
        require_change(actor, case)
    _not_future("closed_on", closed_on)
    if outcome == CaseOutcome.PENDING:
        raise ValidationError({"outcome": _("请选择案件结果。")})
    with transaction.atomic():
        case = LegalCase.objects.select_for_update().get(pk=case.pk)
        if case.closed_on:
            raise ValidationError(_("该案件已结案。"))
        if closed_on < case.filed_on:
            raise ValidationError({"closed_on": _("结案日期不能早于受理（立案）日期。")})
        last_hearing = case.appearances.order_by("-hearing_on").values_list("hearing_on", flat=True).first()
        if last_hearing and closed_on < last_hearing:
            raise ValidationError({"closed_on": _("结案日期不能早于已登记的开庭日期。")})
        case.outcome, case.closed_on = outcome, closed_on
        case.full_clean()
        case.save(update_fields=["outcome", "closed_on"])
    return case


def court_appearance_add(
    *, actor, case: LegalCase, hearing_on: datetime.date, leader_name: str, leader_post: str, is_principal: bool
) -> CourtAppearance:
    if actor is not None:
        require_change(actor, case)
    _not_future("hearing_on", hearing_on)
    with transaction.atomic():
        # Locked and read afresh: the kind and the closing date decide, not what the caller's copy says.
        case = LegalCase.objects.select_for_update().get(pk=case.pk)
        # 负责人出庭应诉 is a duty in 行政诉讼 (行政诉讼法 第三条第三款; 纲要(二十三); docs/law.md REC-05); a 行政复议
        # has no court hearing.
        if case.kind != CaseKind.LITIGATION:
            raise ValidationError(_("出庭应诉只登记于行政诉讼案件。"))
        if hearing_on < case.filed_on:
            raise ValidationError({"hearing_on": _("开庭日期不能早于立案日期。")})
        if case.closed_on and hearing_on > case.closed_on:
            raise ValidationError({"hearing_on": _("开庭日期不能晚于结案日期。")})
        row = CourtAppearance(
            case=case,
            hearing_on=hearing_on,
            leader_name=leader_name.strip(),
            leader_post=leader_post.strip(),
            is_principal=is_principal,
        )
        row.full_clean()
        row.save()
    return row
