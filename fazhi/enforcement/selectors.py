"""Every read of the enforcement app; lists start from visible_to(user), figures from an area's subtree."""

import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from fazhi.areas.models import Area, subtree_q
from fazhi.enforcement.models import (
    ANNUAL_TRAINING_HOURS,
    CaseEvent,
    CaseRecord,
    EnforcementCase,
    Inspection,
    JointAction,
    Officer,
    Publication,
)


def officer_list(*, user, year: int) -> QuerySet:
    """Officers with `hours` = their training hours in `year` (for the 60-hour flag, docs/law.md LD-09)."""
    return (
        Officer.objects.visible_to(user)
        .select_related("area")
        .annotate(hours=Sum("trainings__hours", filter=Q(trainings__on__year=year), default=Decimal(0)))
        .order_by("name")
    )


def officer_flags(officer: Officer, *, today: datetime.date) -> list[str]:
    """Codes of the problems shown beside an officer; `officer.hours` comes from officer_list."""
    flags = []
    if not officer.certified_on(today):
        flags.append("uncertified")
    elif officer.expiring_soon(today):
        flags.append("expiring")
    if officer.several_posts:
        flags.append("several_posts")
    if getattr(officer, "hours", ANNUAL_TRAINING_HOURS) < ANNUAL_TRAINING_HOURS:
        flags.append("short_hours")
    return flags


def officer_get(*, user, pk: int) -> Officer:
    officer = Officer.objects.visible_to(user).select_related("area").filter(pk=pk).first()
    if officer is None:
        raise Http404
    return officer


def officer_cases(*, user, officer: Officer) -> QuerySet:
    """The officer's cases that the viewer may see: an officer can be assigned to a case in another area."""
    return EnforcementCase.objects.visible_to(user).filter(officers=officer).order_by("-opened_on", "-id")


def case_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = EnforcementCase.objects.visible_to(user).select_related("area").prefetch_related("officers")
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(party__icontains=filters["q"]))
    for field in ("case_type", "status"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("major"):
        qs = qs.filter(is_major=True)
    if filters.get("year"):
        qs = qs.filter(opened_on__year=filters["year"])
    return qs.order_by("-opened_on", "-id")


def case_get(*, user, pk: int) -> EnforcementCase:
    case = (
        EnforcementCase.objects.visible_to(user)
        .select_related("area")
        .prefetch_related(
            "officers",
            "legal_reviews",
            "publications",
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
            "records",
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_record_get(*, user, pk: int) -> CaseRecord:
    record = CaseRecord.objects.filter(case__in=EnforcementCase.objects.visible_to(user), pk=pk).first()
    if record is None:
        raise Http404
    return record


def inspection_list(*, user) -> QuerySet:
    return (
        Inspection.objects.visible_to(user)
        .select_related("area")
        .annotate(
            n_problems=Count("problems"), n_rectified=Count("problems", filter=Q(problems__rectified_on__isnull=False))
        )
    )


def inspection_get(*, user, pk: int) -> Inspection:
    inspection = Inspection.objects.visible_to(user).select_related("area").filter(pk=pk).first()
    if inspection is None:
        raise Http404
    return inspection


def joint_action_list(*, user) -> QuerySet:
    return JointAction.objects.visible_to(user).select_related("area")


def publication_list(*, area: Area) -> QuerySet:
    """What the public site shows: published, not withdrawn, in the area's subtree, newest first (LE-01/LE-05)."""
    return (
        Publication.objects.filter(
            subtree_q(area.path, "case__area__path"), published_on__isnull=False, withdrawn_on__isnull=True
        )
        .select_related("case")
        .order_by("-published_on", "-id")
    )


def publications_pending(*, user) -> QuerySet:
    """Decisions awaiting posting, and revoked postings awaiting withdrawal (for the workbench)."""
    return (
        Publication.objects.visible_to(user)
        .filter(Q(published_on__isnull=True) | Q(withdraw_due__isnull=False, withdrawn_on__isnull=True))
        .select_related("case")
    )
