"""Figures on major decisions by how much of the procedure they went through (docs/law.md MD-06..MD-19)."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import subtree_q
from fazhi.core.metrics import Period, register
from fazhi.decisions.models import PASSING_CONCLUSIONS, Decision, ExpertOpinion, PublicComment

SECTION = _("推进行政决策科学化、民主化、法治化")


def catalogued(*, area, period: Period) -> QuerySet:
    return Decision.objects.filter(
        subtree_q(area.path), catalogued=True, published_on__gte=period.start, published_on__lte=period.end
    )


def decided(*, area, period: Period) -> QuerySet:
    return Decision.objects.filter(subtree_q(area.path), discussed_on__gte=period.start, discussed_on__lte=period.end)


def decided_with_full_procedure(*, area, period: Period) -> QuerySet:
    """Decided, with every step its own flags required on record (条例 第二十九条 材料齐备; MD-13)."""
    has_expert = Exists(ExpertOpinion.objects.filter(decision=OuterRef("pk")))
    return decided(area=area, period=period).filter(
        (Q(participation_required=False) | ~Q(comment_handling="")),
        (Q(expert_required=False) | Q(has_expert)),
        (Q(risk_required=False) | ~Q(risk_level="")),
        review_conclusion__in=PASSING_CONCLUSIONS,
    )


def evaluated(*, area, period: Period) -> QuerySet:
    return Decision.objects.filter(subtree_q(area.path), evaluated_on__gte=period.start, evaluated_on__lte=period.end)


def comments_received(*, area, period: Period) -> QuerySet:
    return PublicComment.objects.filter(
        subtree_q(area.path, "decision__area__path"),
        submitted_at__date__gte=period.start,
        submitted_at__date__lte=period.end,
    )


def comments_adopted(*, area, period: Period) -> QuerySet:
    return comments_received(area=area, period=period).filter(adopted=True)


def register_all() -> None:
    for key, label, unit, records in [
        ("decisions.catalogued", _("列入公布目录的重大行政决策"), _("项"), catalogued),
        ("decisions.decided", _("集体讨论决定的重大行政决策"), _("项"), decided),
        ("decisions.full_procedure", _("履行全部法定程序的重大行政决策"), _("项"), decided_with_full_procedure),
        ("decisions.evaluated", _("开展决策后评估的重大行政决策"), _("项"), evaluated),
        ("decisions.comments", _("收到决策公众意见"), _("条"), comments_received),
        ("decisions.comments_adopted", _("采纳决策公众意见"), _("条"), comments_adopted),
    ]:
        register(key=key, label=label, unit=unit, section=SECTION, records=records)
