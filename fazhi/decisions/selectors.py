import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.areas.models import Area, subtree_q
from fazhi.decisions.models import CommentStatus, Decision, DecisionAttachment, PublicComment, Step


def decision_list(*, user, year: int | None = None, status: str = "", q: str = "") -> QuerySet:
    qs = (
        Decision.objects.visible_to(user)
        .select_related("area")
        .annotate(n_comments=Count("comments"))
        .order_by("-year", "-id")
    )
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return qs


def decision_years(*, user) -> list[int]:
    return sorted(set(Decision.objects.visible_to(user).values_list("year", flat=True)), reverse=True)


def decision_get(*, user, pk: int) -> Decision:
    decision = Decision.objects.visible_to(user).select_related("area").filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def attachment_get(*, user, pk: int) -> DecisionAttachment:
    """A filed material, found only through a decision the user may see (other area → 404)."""
    attachment = DecisionAttachment.objects.filter(decision__in=Decision.objects.visible_to(user), pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


@dataclass(frozen=True)
class StepState:
    step: str
    label: str
    required: bool
    done: bool


def decision_steps(*, decision: Decision, today: datetime.date | None = None) -> list[StepState]:
    """The procedure checklist (条例 第二十九条 提交集体讨论的材料, docs/law.md MD-13), one row per step."""
    today = today or timezone.localdate()
    d = decision
    done = {
        Step.PARTICIPATION: bool(d.comment_ends_on and d.comment_ends_on < today and d.comment_handling),
        Step.EXPERT: d.expert_opinions.exists(),
        Step.RISK: bool(d.risk_level and d.risk_conclusion),
        Step.REVIEW: bool(d.review_conclusion),
        Step.DISCUSSION: d.discussed_on is not None,
        Step.ANNOUNCEMENT: d.announced_on is not None,
        Step.IMPLEMENTATION: bool(d.implementation_notes),
        Step.EVALUATION: d.evaluated_on is not None,
    }
    required = {
        Step.PARTICIPATION: d.participation_required,
        Step.EXPERT: d.expert_required,
        Step.RISK: d.risk_required,
        Step.REVIEW: True,
        Step.DISCUSSION: True,
        Step.ANNOUNCEMENT: True,
        Step.IMPLEMENTATION: True,
        # 决策后评估 is discretionary (条例 第三十六条 "可以"; docs/law.md MD-19).
        Step.EVALUATION: False,
    }
    return [StepState(s.value, s.label, required[s], done[s]) for s in Step]


# --- the public site (no login): catalogued decisions only ---


def _catalogued(area: Area) -> QuerySet:
    return Decision.objects.filter(subtree_q(area.path), catalogued=True)


def published_catalogue(*, area: Area, year: int | None = None) -> QuerySet:
    """年度重大行政决策事项目录 as published (条例 第三条第三款; docs/law.md MD-02)."""
    qs = _catalogued(area).order_by("-year", "published_on", "id")
    return qs.filter(year=year) if year else qs


def open_consultations(*, area: Area) -> QuerySet:
    today = timezone.localdate()
    return (
        _catalogued(area)
        .filter(comment_started_on__lte=today, comment_ends_on__gte=today)
        .order_by("comment_ends_on", "id")
    )


def public_decision(*, pk: int) -> Decision | None:
    return Decision.objects.filter(catalogued=True, pk=pk).first()


def published_comments(*, decision: Decision) -> QuerySet:
    return PublicComment.objects.filter(decision=decision, status=CommentStatus.APPROVED).order_by("submitted_at", "id")


def comments_for_staff(*, decision: Decision) -> QuerySet:
    return decision.comments.select_related("moderated_by")
