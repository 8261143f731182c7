"""Figures on major decisions by how much of the procedure they went through (docs/law.md MD-06..MD-19)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Dimension, FigureSpec, Quantity, RecordType, builtin, declare
from fazhi.decisions.models import (
    PASSING_CONCLUSIONS,
    CommentStatus,
    DecisionStatus,
    ExpertOpinion,
    ReviewConclusion,
    RiskLevel,
)

SECTION = _("推进行政决策科学化、民主化、法治化")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---


def _full_procedure() -> Q:
    """Every step its own flags required on record (条例 第二十九条 材料齐备; MD-13): a callable, so each query gets
    its own EXISTS."""
    has_expert = Exists(ExpertOpinion.objects.filter(decision=OuterRef("pk")))
    return Q(
        Q(participation_required=False) | ~Q(comment_handling=""),
        Q(expert_required=False) | Q(has_expert),
        Q(risk_required=False) | ~Q(risk_level=""),
        review_conclusion__in=PASSING_CONCLUSIONS,
    )


_DECISION_DIMENSIONS = (
    Dimension("status", _("办理阶段"), "status", choices=lambda: DecisionStatus.choices),
    Dimension("catalogued", _("已列入公布的年度目录"), flag=Q(catalogued=True)),
    Dimension("participation_required", _("需公众参与"), flag=Q(participation_required=True)),
    Dimension("expert_required", _("需专家论证"), flag=Q(expert_required=True)),
    Dimension("risk_required", _("需风险评估"), flag=Q(risk_required=True)),
    Dimension("risk_level", _("风险等级"), "risk_level", choices=lambda: RiskLevel.choices),
    Dimension("review_conclusion", _("合法性审查结论"), "review_conclusion", choices=lambda: ReviewConclusion.choices),
    Dimension("full_procedure", _("履行全部法定程序"), flag=_full_procedure),
    Dimension("evaluated", _("已开展决策后评估"), flag=Q(evaluated_on__isnull=False)),
)


def _decision_type(key: str, label: str, date: str) -> RecordType:
    return RecordType(
        key=key,
        label=label,
        model="decisions.Decision",
        date=date,
        distincts=(Quantity("implementing_unit", _("执行单位"), "implementing_unit"),),
        dimensions=_DECISION_DIMENSIONS,
        section=SECTION,
    )


RECORD_TYPES = (
    _decision_type("decisions.decision_published", _("重大行政决策（按目录公布日期）"), "published_on"),
    _decision_type("decisions.decision", _("重大行政决策（按集体讨论日期）"), "discussed_on"),
    _decision_type("decisions.decision_evaluated", _("重大行政决策（按后评估日期）"), "evaluated_on"),
    RecordType(
        key="decisions.comment",
        label=_("决策公众意见（按提交日期）"),
        model="decisions.PublicComment",
        area_path="decision__area__path",
        date="submitted_at__date",
        distincts=(Quantity("decision", _("决策事项"), "decision"),),
        dimensions=(
            Dimension("status", _("审核状态"), "status", choices=lambda: CommentStatus.choices),
            Dimension("adopted", _("被采纳"), flag=Q(adopted=True)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="decisions.expert_opinion",
        label=_("专家论证意见"),
        model="decisions.ExpertOpinion",
        area_path="decision__area__path",
        date="given_on",
        distincts=(Quantity("decision", _("决策事项"), "decision"), Quantity("expert", _("专家"), "expert")),
        section=SECTION,
    ),
)

FIGURES = tuple(
    FigureSpec(key=key, label=label, unit=unit, record_type=record_type, filters=filters)
    for key, label, unit, record_type, filters in [
        (
            "decisions.catalogued",
            _("列入公布目录的重大行政决策"),
            _("项"),
            "decisions.decision_published",
            ({"dim": "catalogued", "values": ["1"]},),
        ),
        ("decisions.decided", _("集体讨论决定的重大行政决策"), _("项"), "decisions.decision", ()),
        (
            "decisions.full_procedure",
            _("履行全部法定程序的重大行政决策"),
            _("项"),
            "decisions.decision",
            ({"dim": "full_procedure", "values": ["1"]},),
        ),
        ("decisions.evaluated", _("开展决策后评估的重大行政决策"), _("项"), "decisions.decision_evaluated", ()),
        ("decisions.comments", _("收到决策公众意见"), _("条"), "decisions.comment", ()),
        (
            "decisions.comments_adopted",
            _("采纳决策公众意见"),
            _("条"),
            "decisions.comment",
            ({"dim": "adopted", "values": ["1"]},),
        ),
    ]
)


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "decisions.decided": _("经集体讨论决定重大行政决策{值}项"),
    "decisions.comments": _("收到决策公众意见{值}条"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*FIGURES, phrases=PHRASES)
