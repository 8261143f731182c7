"""Every read of the training app, starting from visible_to(user) (or an area's subtree for figures)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level, subtree_q
from fazhi.areas.scoping import areas_visible_to
from fazhi.training import rules
from fazhi.training.choices import SessionKind
from fazhi.training.models import Cadre, Exam, Requirement, Session
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
    """Cadres with their study hours in `year` (each cadre's hours per year, docs/law.md LD-06, LD-09)."""
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


# --- yearly minimums ---


@dataclass(frozen=True)
class Shortfall:
    area: Area
    title: str
    have: Decimal
    need: Decimal


def shortfalls(*, area: Area, year: int, needs: dict[str, Decimal] | None = None) -> list[Shortfall]:
    """What a township is still short of this year against the configured minimums (LD-04, LD-05, LD-09)."""
    return township_shortfalls(townships=[area], year=year, needs=needs)


def township_shortfalls(*, townships: list[Area], year: int, needs: dict | None = None) -> list[Shortfall]:
    """`shortfalls` of each township in turn, in two queries however many townships (a county watches 25).

    `needs` (services.requirement_values()) lets a caller read the minimums once."""
    if not townships:
        return []
    needs = needs or requirement_values()
    length = len(townships[0].path)
    assert all(len(t.path) == length for t in townships), "townships of one level share a path length"
    within = Q(pk__in=[])
    for township in townships:
        within |= subtree_q(township.path)
    counts = {
        row["township"]: row
        for row in Session.objects.filter(within, held_on__year=year)
        .annotate(township=Substr("area__path", 1, length))
        .values("township")
        .annotate(
            lectures=Count("pk", filter=Q(kind=SessionKind.LAW_LECTURE)),
            pre_meeting=Count("pk", filter=Q(kind=SessionKind.PRE_MEETING)),
        )
        .order_by()
    }
    officers = (
        Cadre.objects.filter(within, active=True, is_enforcement_officer=True)
        .annotate(h=Sum("attendance__hours", filter=Q(attendance__session__held_on__year=year)))
        .values_list("area__path", "name", "h")
        .order_by("name", "id")
    )
    hours: dict[str, list] = {}
    for path, name, have in officers:
        hours.setdefault(path[:length], []).append((name, have or Decimal("0")))
    out = []
    for township in townships:
        row = counts.get(township.path, {})
        for key, field, title in (
            (rules.LAW_LECTURES, "lectures", _("%(area)s 领导班子法治专题讲座")),
            (rules.PRE_MEETING, "pre_meeting", _("%(area)s 会前学法")),
        ):
            have = Decimal(row.get(field, 0))
            if have < needs[key]:
                out.append(Shortfall(township, title % {"area": township.name}, have, needs[key]))
        need = needs[rules.OFFICER_HOURS]
        for name, have in hours.get(township.path, []):
            if have < need:
                out.append(Shortfall(township, _("执法人员%(name)s 法律知识培训学时") % {"name": name}, have, need))
    return out


def watched_townships(*, user) -> QuerySet:
    return areas_visible_to(user, Module.TRAINING).current().filter(level=Level.TOWNSHIP).order_by("path")
