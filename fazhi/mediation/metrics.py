"""Figures the mediation app contributes to the annual report (seed report 一(四) 三: "累计化解一般矛盾纠纷103件，
重点群体矛盾纠纷2件"). In the seed "一般矛盾纠纷" is set against "重点群体矛盾纠纷", not against the tiers: the
103 are the resolved disputes without a key group, across all three tiers."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.facts import Dimension, FigureSpec, PeriodKind, Quantity, RecordType, builtin, declare
from fazhi.mediation.choices import (
    DISPUTE_TYPE,
    AgreementForm,
    BodyKind,
    ConfirmationResult,
    DisputeSource,
    DisputeStatus,
    Performance,
    Tier,
)

SECTION = _("聚焦基层治理，助力平安建设")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---


def _dispute_dimensions(prefix: str = "") -> tuple[Dimension, ...]:
    return (
        Dimension(
            "dispute_type", _("纠纷类型"), f"{prefix}dispute_type", choices=lambda: dictionary_choices(DISPUTE_TYPE)
        ),
        Dimension("key_group", _("涉及重点群体"), flag=Q(**{f"{prefix}key_group": True})),
        Dimension("source", _("纠纷来源"), f"{prefix}source", choices=lambda: DisputeSource.choices),
        Dimension("tier", _("处理层级"), f"{prefix}tier", choices=lambda: Tier.choices),
        Dimension("status", _("调解结果"), f"{prefix}status", choices=lambda: DisputeStatus.choices),
        Dimension("body_kind", _("调解组织类别"), f"{prefix}body__kind", choices=lambda: BodyKind.choices),
        # 小事不出村: resolved on the spot (简易) or by a village committee.
        Dimension(
            "in_village",
            _("小事不出村（现场调解或村调委会调解）"),
            flag=Q(**{f"{prefix}tier": Tier.SIMPLE}) | Q(**{f"{prefix}body__kind": BodyKind.VILLAGE_COMMITTEE}),
        ),
    )


# Still open at the period's end (not closed by then) and past its due date then (人民调解工作若干规定 第三十三条,
# docs/law.md MED-18). A dispute closed after the period's end was open at it.
_OVERDUE = Dimension(
    "overdue",
    _("期末超期未办结"),
    flag=lambda start, end: (Q(closed_on__isnull=True) | Q(closed_on__gt=end)) & Q(due_date__lt=end),
    relative=True,
)


def _dispute_type(key: str, label: str, date: str) -> RecordType:
    return RecordType(
        key=key,
        label=label,
        model="mediation.Dispute",
        date=date,
        sums=(Quantity("amount", _("涉及金额（元）"), "amount"),),
        distincts=(Quantity("area", _("村（社区）"), "area"), Quantity("body", _("调解组织"), "body")),
        dimensions=(*_dispute_dimensions(), _OVERDUE),
        section=SECTION,
    )


RECORD_TYPES = (
    _dispute_type("mediation.dispute", _("矛盾纠纷（按受理日期）"), "received_on"),
    _dispute_type("mediation.dispute_closed", _("矛盾纠纷（按办结日期）"), "closed_on"),
    RecordType(
        key="mediation.session",
        label=_("调解记录"),
        model="mediation.Session",
        area_path="dispute__area__path",
        date="held_on",
        distincts=(Quantity("dispute", _("纠纷"), "dispute"),),
        dimensions=_dispute_dimensions("dispute__"),
        section=SECTION,
    ),
    RecordType(
        key="mediation.agreement",
        label=_("调解协议（按生效日期）"),
        model="mediation.Agreement",
        area_path="dispute__area__path",
        date="effective_on",
        dimensions=(
            Dimension("form", _("协议形式"), "form", choices=lambda: AgreementForm.choices),
            Dimension("performance", _("履行情况"), "performance", choices=lambda: Performance.choices),
            Dimension(
                "confirmation", _("司法确认结果"), "confirmation_result", choices=lambda: ConfirmationResult.choices
            ),
            Dimension("confirmation_applied", _("已申请司法确认"), flag=Q(confirmation_applied_on__isnull=False)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="mediation.confirmation",
        label=_("司法确认（按裁定日期）"),
        model="mediation.Agreement",
        area_path="dispute__area__path",
        date="confirmation_decided_on",
        distincts=(Quantity("court", _("受理法院"), "confirmation_court"),),
        dimensions=(
            Dimension(
                "confirmation", _("司法确认结果"), "confirmation_result", choices=lambda: ConfirmationResult.choices
            ),
        ),
        section=SECTION,
    ),
    RecordType(
        key="mediation.follow_up",
        label=_("调解回访（按回访日期）"),
        model="mediation.FollowUp",
        area_path="dispute__area__path",
        date="visited_on",
        dimensions=(
            Dimension("performance", _("协议履行情况"), "performance", choices=lambda: Performance.choices),
            Dimension("reopened", _("重新调解"), flag=Q(reopened=True)),
        ),
        section=SECTION,
    ),
)


def _figures() -> list[FigureSpec]:
    resolved = {"dim": "status", "values": [DisputeStatus.RESOLVED.value]}

    def spec(key, label, record_type, *filters, unit=None) -> FigureSpec:
        return FigureSpec(key=key, label=label, unit=unit or _("件"), record_type=record_type, filters=filters)

    return [
        spec(
            "mediation.general_disputes_resolved",
            _("化解一般矛盾纠纷"),
            "mediation.dispute_closed",
            resolved,
            {"dim": "key_group", "values": ["0"]},
        ),
        spec(
            "mediation.key_group_disputes_resolved",
            _("化解重点群体矛盾纠纷"),
            "mediation.dispute_closed",
            resolved,
            {"dim": "key_group", "values": ["1"]},
        ),
        spec("mediation.disputes_received", _("受理矛盾纠纷"), "mediation.dispute"),
        spec("mediation.disputes_resolved", _("调解成功"), "mediation.dispute_closed", resolved),
        spec(
            "mediation.disputes_failed",
            _("调解不成或终止"),
            "mediation.dispute_closed",
            {"dim": "status", "op": "not_in", "values": [DisputeStatus.RESOLVED.value]},
        ),
        spec(
            "mediation.resolved_in_village",
            _("小事不出村：现场或村调委会化解"),
            "mediation.dispute_closed",
            resolved,
            {"dim": "in_village", "values": ["1"]},
        ),
        # Received up to the period's end, open and past due at it, whichever year it came in.
        FigureSpec(
            key="mediation.disputes_overdue",
            label=_("期末超期未办结矛盾纠纷"),
            unit=_("件"),
            record_type="mediation.dispute",
            filters=({"dim": "overdue", "values": ["1"]},),
            period=PeriodKind.CUMULATIVE,
        ),
        spec("mediation.agreements", _("达成调解协议"), "mediation.agreement", unit=_("份")),
        spec(
            "mediation.judicial_confirmations",
            _("调解协议经司法确认"),
            "mediation.confirmation",
            {"dim": "confirmation", "values": [ConfirmationResult.CONFIRMED.value]},
            unit=_("份"),
        ),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "mediation.disputes_received": _("受理矛盾纠纷{值}件"),
    "mediation.disputes_resolved": _("调解成功{值}件"),
    "mediation.general_disputes_resolved": _("化解一般矛盾纠纷{值}件"),
    "mediation.key_group_disputes_resolved": _("化解重点群体矛盾纠纷{值}件"),
    "mediation.agreements": _("达成调解协议{值}份"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)
