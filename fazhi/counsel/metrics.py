"""Figures the counsel app contributes: legal advisers, their duty days and opinions, consultations, contract
reviews (pass rate = passed / reviewed, both record lists), reconsideration and litigation cases, losses and
leaders' court appearances."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Aggregation, Dimension, FigureSpec, PeriodKind, Quantity, RecordType, builtin, declare
from fazhi.counsel.choices import (
    LOSING_OUTCOMES,
    PASSING_CONCLUSIONS,
    AdviserLevel,
    CaseKind,
    CaseOutcome,
    OpinionKind,
    ReviewConclusion,
)

SECTION = _("注重全民守法，强化普法宣传")
SECTION_ADMIN = _("完善制度体系，提升依法行政水平")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

_ADVISER = Quantity("adviser", _("法律顾问"), "adviser")


def _case_dimensions(prefix: str = "") -> tuple[Dimension, ...]:
    return (
        Dimension("kind", _("复议或诉讼"), f"{prefix}kind", choices=lambda: CaseKind.choices),
        Dimension("outcome", _("案件结果"), f"{prefix}outcome", choices=lambda: CaseOutcome.choices),
        Dimension(
            "lost", _("被纠错或败诉（撤销、变更、确认违法）"), flag=Q(**{f"{prefix}outcome__in": LOSING_OUTCOMES})
        ),
    )


RECORD_TYPES = (
    RecordType(
        key="counsel.consultation",
        label=_("法律咨询"),
        model="counsel.Consultation",
        date="received_on",
        sums=(Quantity("headcount", _("咨询人次"), "headcount"),),
        distincts=(_ADVISER, Quantity("area", _("村（社区）"), "area")),
        dimensions=(
            Dimension("referred", _("转人民调解"), flag=Q(referred_to_mediation=True)),
            Dimension("by_adviser", _("由法律顾问接待"), flag=Q(adviser__isnull=False)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="counsel.adviser",
        label=_("法律顾问（按聘期）"),
        model="counsel.Adviser",
        start="contract_from",
        end="contract_to",
        end_inclusive=True,
        distincts=(Quantity("firm", _("顾问单位"), "firm"),),
        # 乡（镇）and 村（社区）法律顾问 count apart; a village's adviser may sit on the township's register
        dimensions=(Dimension("level", _("顾问层级"), "level", choices=lambda: AdviserLevel.choices),),
        section=SECTION_ADMIN,
    ),
    RecordType(
        key="counsel.duty_day",
        label=_("法律顾问坐班"),
        model="counsel.DutyDay",
        area_path="adviser__area__path",
        date="on",
        distincts=(_ADVISER,),
        section=SECTION_ADMIN,
    ),
    RecordType(
        key="counsel.opinion",
        label=_("法律顾问出具的意见"),
        model="counsel.Opinion",
        area_path="adviser__area__path",
        date="issued_on",
        distincts=(_ADVISER,),
        dimensions=(Dimension("kind", _("意见类别"), "kind", choices=lambda: OpinionKind.choices),),
        section=SECTION_ADMIN,
    ),
    RecordType(
        key="counsel.contract_review",
        label=_("合同合法性审查（按审查日期）"),
        model="counsel.ContractReview",
        date="reviewed_on",
        sums=(Quantity("amount", _("合同金额（元）"), "amount"),),
        distincts=(
            Quantity("counterparty", _("合同相对方"), "counterparty"),
            Quantity("reviewer", _("审查顾问"), "reviewer"),
        ),
        dimensions=(
            Dimension("conclusion", _("审查结论"), "conclusion", choices=lambda: ReviewConclusion.choices),
            Dimension("signed", _("已签订"), flag=Q(signed_on__isnull=False)),
        ),
        section=SECTION_ADMIN,
    ),
    RecordType(
        key="counsel.legal_case",
        label=_("行政复议、诉讼案件（按受理日期）"),
        model="counsel.LegalCase",
        date="filed_on",
        distincts=(Quantity("claimant", _("申请人（原告）"), "claimant"),),
        dimensions=_case_dimensions(),
        section=SECTION_ADMIN,
    ),
    RecordType(
        key="counsel.legal_case_closed",
        label=_("行政复议、诉讼案件（按结案日期）"),
        model="counsel.LegalCase",
        date="closed_on",
        distincts=(Quantity("claimant", _("申请人（原告）"), "claimant"),),
        dimensions=_case_dimensions(),
        section=SECTION_ADMIN,
    ),
    RecordType(
        key="counsel.court_appearance",
        label=_("负责人出庭应诉"),
        model="counsel.CourtAppearance",
        area_path="case__area__path",
        date="hearing_on",
        distincts=(Quantity("case", _("案件"), "case"), Quantity("leader", _("出庭负责人"), "leader_name")),
        dimensions=(
            Dimension("principal", _("主要负责人出庭"), flag=Q(is_principal=True)),
            Dimension("case_kind", _("复议或诉讼"), "case__kind", choices=lambda: CaseKind.choices),
        ),
        section=SECTION_ADMIN,
    ),
)


def _figures() -> list[FigureSpec]:
    def spec(key, label, unit, record_type, *filters, section=SECTION_ADMIN, **kwargs) -> FigureSpec:
        return FigureSpec(
            key=key, label=label, unit=unit, record_type=record_type, filters=filters, section=section, **kwargs
        )

    return [
        spec("counsel.consultations", _("接待法律咨询"), _("次"), "counsel.consultation", section=SECTION),
        spec(
            "counsel.consultation_people",
            _("接待法律咨询"),
            _("人次"),
            "counsel.consultation",
            section=SECTION,
            aggregation=Aggregation.SUM,
            field="headcount",
        ),
        spec(
            "counsel.referred_to_mediation",
            _("法律咨询转人民调解"),
            _("件"),
            "counsel.consultation",
            {"dim": "referred", "values": ["1"]},
            section=SECTION,
        ),
        # In the year at any time, as the old figure counted: a contract that ended in March still counts.
        spec("counsel.advisers", _("聘请法律顾问"), _("名"), "counsel.adviser", period=PeriodKind.ACTIVE),
        spec("counsel.duty_days", _("法律顾问坐班"), _("天"), "counsel.duty_day"),
        spec("counsel.opinions", _("法律顾问出具法律意见、审查意见"), _("份"), "counsel.opinion"),
        spec("counsel.contracts_reviewed", _("合同合法性审查"), _("件"), "counsel.contract_review"),
        spec(
            "counsel.contracts_passed",
            _("合同合法性审查通过"),
            _("件"),
            "counsel.contract_review",
            {"dim": "conclusion", "values": [str(c) for c in PASSING_CONCLUSIONS]},
        ),
        spec(
            "counsel.reconsiderations",
            _("行政复议案件"),
            _("件"),
            "counsel.legal_case",
            {"dim": "kind", "values": [CaseKind.RECONSIDERATION.value]},
        ),
        spec(
            "counsel.litigations",
            _("行政诉讼案件"),
            _("件"),
            "counsel.legal_case",
            {"dim": "kind", "values": [CaseKind.LITIGATION.value]},
        ),
        spec(
            "counsel.legal_case_losses",
            _("行政复议被纠错、行政诉讼败诉"),
            _("件"),
            "counsel.legal_case_closed",
            {"dim": "lost", "values": ["1"]},
        ),
        spec("counsel.court_appearances", _("行政机关负责人出庭应诉"), _("次"), "counsel.court_appearance"),
        spec(
            "counsel.principal_court_appearances",
            _("主要负责人出庭应诉"),
            _("次"),
            "counsel.court_appearance",
            {"dim": "principal", "values": ["1"]},
        ),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "counsel.consultations": _("接待群众法律咨询{值}次"),
    "counsel.advisers": _("聘请法律顾问{值}名"),
    "counsel.opinions": _("法律顾问出具法律意见、审查意见{值}份"),
    "counsel.contracts_reviewed": _("开展合同合法性审查{值}件"),
    "counsel.court_appearances": _("行政机关负责人出庭应诉{值}次"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)
