"""Every read of the publicity app, always starting from visible_to(user) — plus, for plans and media, the
units above the user (read-only) — or from an area's subtree for figures."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level, ancestor_paths, subtree_q
from fazhi.areas.scoping import scope_paths
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.metrics import Period
from fazhi.publicity.choices import AUDIENCE, KEY_DATE
from fazhi.publicity.models import (
    Activity,
    ActivityAudience,
    MediaAccount,
    MediaPost,
    MediaSeries,
    Plan,
    PlanItem,
    key_date_in,
)


def _first_or_404(qs: QuerySet):
    obj = qs.first()
    if obj is None:
        raise Http404
    return obj


def activity_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Activity.objects.visible_to(user).select_related("area").prefetch_related("themes", "audiences", "materials")
    if filters.get("year"):
        qs = qs.filter(held_on__year=filters["year"])
    if filters.get("strand"):
        qs = qs.filter(strand=filters["strand"])
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(place__icontains=filters["q"]))
    return qs


def activity_get(*, user, pk: int) -> Activity:
    return _first_or_404(activity_list(user=user).filter(pk=pk))


def _with_above(model, user) -> Q:
    """Records in the user's scope, and those of the township/county above it: a village carries out its
    township's plan and its media accounts speak for it, so it may read them (writes re-check scope)."""
    paths = scope_paths(user, Module.PUBLICITY)
    above = {a for p in paths for a in ancestor_paths(p)}
    return Q(pk__in=model.objects.visible_to(user)) | Q(area__path__in=above)


def plan_list(*, user, year: int | None = None) -> QuerySet:
    qs = Plan.objects.filter(_with_above(Plan, user)).select_related("area")
    return qs.filter(year=year) if year else qs


def plan_get(*, user, pk: int) -> Plan:
    return _first_or_404(plan_list(user=user).filter(pk=pk))


def plan_items(*, plan: Plan) -> QuerySet:
    """Items with the number of activities that fulfil them: progress is tracked, never typed in."""
    return plan.items.annotate(done_count=Count("activities")).order_by("due_by", "id")


def plan_item_choices(*, user) -> QuerySet:
    return (
        PlanItem.objects.filter(plan__in=Plan.objects.visible_to(user))
        .select_related("plan")
        .order_by("-plan__year", "due_by")
    )


def key_dates(*, year: int) -> list[dict]:
    """The admin-edited calendar of key dates (数据字典 publicity.key_date) placed in `year`."""
    rows = []
    for code, label in dictionary_choices(KEY_DATE):
        span = key_date_in(code, year)
        if span:
            rows.append({"code": code, "label": label, "start": span[0], "end": span[1]})
    return sorted(rows, key=lambda r: r["start"])


def account_list(*, user) -> QuerySet:
    return (
        MediaAccount.objects.filter(_with_above(MediaAccount, user))
        .select_related("area")
        .annotate(n_posts=Count("posts"))
        .order_by("name")
    )


def series_list(*, user) -> QuerySet:
    return (
        MediaSeries.objects.filter(_with_above(MediaSeries, user))
        .select_related("account")
        .annotate(n_episodes=Count("episodes"))
        .order_by("title")
    )


def post_list(*, user, year: int | None = None) -> QuerySet:
    qs = MediaPost.objects.filter(_with_above(MediaPost, user)).select_related("account", "series")
    return qs.filter(published_on__year=year) if year else qs


# --- records of an area's subtree in a period, behind the reach page ---


def activities_in(*, area: Area, period: Period) -> QuerySet:
    return Activity.objects.filter(subtree_q(area.path), held_on__gte=period.start, held_on__lte=period.end)


def audiences_in(*, area: Area, period: Period) -> QuerySet:
    return ActivityAudience.objects.filter(
        subtree_q(area.path, "activity__area__path"),
        activity__held_on__gte=period.start,
        activity__held_on__lte=period.end,
    )


# --- reach and gaps ---


@dataclass
class AudienceReach:
    code: str
    label: str
    reached: int
    activities: int
    population_share: float | None = None  # share of residents in this group, from the people registry
    reach_share: float | None = None  # share of all people reached
    gap: str = ""


@dataclass
class VillageReach:
    village: Area
    activities: int
    reached: int
    gap: str = ""


@dataclass
class Reach:
    area: Area
    period: Period
    audiences: list[AudienceReach] = field(default_factory=list)
    villages: list[VillageReach] = field(default_factory=list)
    township_wide: int = 0
    population_source: str = ""

    @property
    def gaps(self) -> list[str]:
        return [a.label for a in self.audiences if a.gap] + [v.village.name for v in self.villages if v.gap]


# A group is "under-reached" when its share of the people reached is below this fraction of its share of the
# population. [C] engineering convention, not law: the seed only says publicity "停留在面向老人及中小学学生".
UNDER_REACH_RATIO = 0.5


def reach(*, area: Area, period: Period, population: dict[str, float] | None = None) -> Reach:
    """Which audiences and villages were reached in `period`, and which were not.

    `population` maps audience codes to their share of residents (0–1), from the residents registry when it
    can give one; without it, a group is flagged only when it was not reached at all.
    """
    result = Reach(area=area, period=period)
    per_audience = {
        row["audience"]: row
        for row in audiences_in(area=area, period=period)
        .values("audience")
        .annotate(total=Sum("reached"), n=Count("activity", distinct=True))
    }
    total_reached = sum(row["total"] or 0 for row in per_audience.values())
    for code, label in dictionary_choices(AUDIENCE):
        row = per_audience.get(code, {})
        item = AudienceReach(code=code, label=label, reached=row.get("total") or 0, activities=row.get("n") or 0)
        if total_reached:
            item.reach_share = item.reached / total_reached
        if population and code in population:
            item.population_share = population[code]
        if item.reached == 0:
            item.gap = _("未覆盖")
        elif (
            item.population_share
            and item.reach_share is not None
            and item.reach_share < item.population_share * UNDER_REACH_RATIO
        ):
            item.gap = _("覆盖不足")
        result.audiences.append(item)

    activities = activities_in(area=area, period=period)
    result.township_wide = activities.filter(area=area).count() if area.level == Level.TOWNSHIP else 0
    villages = Area.objects.subtree(area).filter(level=Level.VILLAGE).current().order_by("code", "name")
    for village in villages:
        in_village = activities.filter(subtree_q(village.path))
        n = in_village.count()
        reached = ActivityAudience.objects.filter(activity__in=in_village).aggregate(total=Sum("reached"))["total"] or 0
        result.villages.append(
            VillageReach(village=village, activities=n, reached=reached, gap="" if n else _("未开展"))
        )
    return result
