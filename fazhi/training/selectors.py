"""Every read of the training app, starting from visible_to(user) (or an area's subtree for figures)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level, subtree_q
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.metrics import Period
from fazhi.training import rules
from fazhi.training.choices import SessionKind
from fazhi.training.models import Attendance, Cadre, Exam, ExamScore, Requirement, Session
from fazhi.training.services import requirement_values


def _first_or_404(qs: QuerySet):
    obj = qs.first()
    if obj is None:
        raise Http404
    return obj


def session_list(*, user, year: int | None = None, kind: str | None = None) -> QuerySet:
    qs = (
        Session.objects.visible_to(user)
        .select_related("area")
        .annotate(n_named=Count("attendance"))
        .order_by("-held_on", "-id")
    )
    if year:
        qs = qs.filter(held_on__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def session_get(*, user, pk: int) -> Session:
    return _first_or_404(Session.objects.visible_to(user).select_related("area").filter(pk=pk))


def cadre_list(*, user, year: int | None = None) -> QuerySet:
    """Cadres with their study hours in `year` (each cadre's hours per year, DOMAIN LD-06, LD-09)."""
    hours_filter = Q(attendance__session__held_on__year=year) if year else Q()
    return (
        Cadre.objects.visible_to(user)
        .select_related("area")
        .annotate(year_hours=Sum("attendance__hours", filter=hours_filter))
        .order_by("name", "id")
    )


def cadres_for(*, area: Area) -> QuerySet:
    return Cadre.objects.filter(subtree_q(area.path), active=True)


def exam_list(*, user) -> QuerySet:
    return (
        Exam.objects.visible_to(user)
        .select_related("area")
        .annotate(n_taken=Count("scores"), n_passed=Count("scores", filter=Q(scores__passed=True)))
        .order_by("-held_on", "-id")
    )


def exam_get(*, user, pk: int) -> Exam:
    return _first_or_404(exam_list(user=user).filter(pk=pk))


def requirement_rows() -> list[dict]:
    stored = {r.key: r for r in Requirement.objects.all()}
    rows = []
    for key, default in rules.DEFAULTS.items():
        row = stored.get(key)
        rows.append(
            {
                "key": key,
                "label": default["label"],
                "value": row.value if row else default["value"],
                "unit": default["unit"],
                "source": row.source if row else default["source"],
                "certainty": row.certainty if row else default["certainty"],
            }
        )
    return rows


# --- figures ---


def sessions_in(*, area: Area, period: Period) -> QuerySet:
    return Session.objects.filter(subtree_q(area.path), held_on__gte=period.start, held_on__lte=period.end)


def attendance_in(*, area: Area, period: Period) -> QuerySet:
    return Attendance.objects.filter(
        subtree_q(area.path, "session__area__path"),
        session__held_on__gte=period.start,
        session__held_on__lte=period.end,
    )


def scores_in(*, area: Area, period: Period) -> QuerySet:
    return ExamScore.objects.filter(
        subtree_q(area.path, "exam__area__path"), exam__held_on__gte=period.start, exam__held_on__lte=period.end
    )


# --- yearly minimums ---


@dataclass(frozen=True)
class Shortfall:
    area: Area
    title: str
    have: Decimal
    need: Decimal


def shortfalls(*, area: Area, year: int, needs: dict[str, Decimal] | None = None) -> list[Shortfall]:
    """What a township is still short of this year against the configured minimums (LD-04, LD-05, LD-09).

    `needs` (services.requirement_values()) lets a caller checking many townships read the minimums once."""
    needs = needs or requirement_values()
    counts = sessions_in(area=area, period=Period.year(year)).aggregate(
        lectures=Count("pk", filter=Q(kind=SessionKind.LAW_LECTURE)),
        pre_meeting=Count("pk", filter=Q(kind=SessionKind.PRE_MEETING)),
    )
    out = []
    need = needs[rules.LAW_LECTURES]
    have = Decimal(counts["lectures"])
    if have < need:
        out.append(Shortfall(area, _("%(area)s 领导班子法治专题讲座") % {"area": area.name}, have, need))
    need = needs[rules.PRE_MEETING]
    have = Decimal(counts["pre_meeting"])
    if have < need:
        out.append(Shortfall(area, _("%(area)s 会前学法") % {"area": area.name}, have, need))
    need = needs[rules.OFFICER_HOURS]
    officers = (
        cadres_for(area=area)
        .filter(is_enforcement_officer=True)
        .annotate(h=Sum("attendance__hours", filter=Q(attendance__session__held_on__year=year)))
    )
    for officer in officers:
        have = officer.h or Decimal("0")
        if have < need:
            out.append(Shortfall(area, _("执法人员%(name)s 法律知识培训学时") % {"name": officer.name}, have, need))
    return out


def watched_townships(*, user) -> QuerySet:
    return areas_visible_to(user, Module.TRAINING).current().filter(level=Level.TOWNSHIP).order_by("path")
