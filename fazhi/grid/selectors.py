"""Every read in the grid app starts from the user's scope."""

import datetime
import re

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Area, Level, ancestor_paths, subtree_q
from fazhi.areas.scoping import areas_visible_to, get_visible_or_404, scope_paths, scope_q
from fazhi.core.deadlines import deadlines_for
from fazhi.core.models import DayUnit
from fazhi.grid.choices import OPEN_STATUSES, MatterStatus, StaffPost
from fazhi.grid.models import GridStaff, Matter, ReplyTemplate, Visit
from fazhi.people import selectors as people_selectors
from fazhi.people.models import Household, Resident

# Usual grid size (docs/law.md GRID-05: 城市社区 300–500 户, 农村 ~300 户) — a [V2]/[C] convention; grids far
# outside it are flagged, not refused.
GRID_SIZE_LOW = 100
GRID_SIZE_HIGH = 800


def grid_list(*, user) -> list[dict]:
    """Grids in the user's scope with their household count, active posts and flags."""
    today = timezone.localdate()
    grids = list(
        areas_visible_to(user, Module.GRID).filter(level=Level.GRID).current().select_related("parent").order_by("path")
    )
    ids = [g.pk for g in grids]
    households = dict(
        Household.objects.filter(area_id__in=ids).values("area_id").annotate(n=Count("id")).values_list("area_id", "n")
    )
    posts: dict[int, set] = {}
    for area_id, post in GridStaff.objects.active(today).filter(area_id__in=ids).values_list("area_id", "post"):
        posts.setdefault(area_id, set()).add(post)
    open_matters = dict(
        Matter.objects.filter(area_id__in=ids, status__in=OPEN_STATUSES)
        .values("area_id")
        .annotate(n=Count("id"))
        .values_list("area_id", "n")
    )
    rows = []
    for grid in grids:
        n = households.get(grid.pk, 0)
        missing = [p.label for p in StaffPost if p.value not in posts.get(grid.pk, set())]
        rows.append(
            {
                "grid": grid,
                "households": n,
                "missing_posts": missing,
                "size_flag": grid_size_flag(n),
                "open_matters": open_matters.get(grid.pk, 0),
            }
        )
    return rows


def grid_size_flag(households: int) -> str:
    if households and households < GRID_SIZE_LOW:
        return "small"
    if households > GRID_SIZE_HIGH:
        return "large"
    return ""


def grid_get(*, user, pk: int) -> Area:
    from django.http import Http404

    grid = areas_visible_to(user, Module.GRID).filter(level=Level.GRID, pk=pk).first()
    if grid is None:
        raise Http404
    return grid


def grid_detail(*, grid: Area, user) -> dict:
    today = timezone.localdate()
    staff = GridStaff.objects.filter(area=grid).select_related("user").order_by("post", "-valid_from")
    active = [s for s in staff if s.valid_from <= today and (s.valid_to is None or s.valid_to > today)]
    households = Household.objects.filter(area=grid).order_by("number")
    by_tag = (
        Resident.objects.visible_to(user)
        .filter(area=grid, tags__isnull=False)
        .values("tags__code")
        .annotate(n=Count("id"))
        .order_by("tags__code")
    )
    present = {s.post for s in active}
    household_count = households.count()
    return {
        "staff": staff,
        "active_staff": active,
        "missing_posts": [p.label for p in StaffPost if p.value not in present],
        "households": households.only("number", "head_name")[:50],
        "household_count": household_count,
        "size_flag": grid_size_flag(household_count),
        "by_tag": list(by_tag),
        "open_matters": Matter.objects.filter(area=grid, status__in=OPEN_STATUSES).order_by("due_date")[:20],
        # what the page shows of a visit: its day, household number and visitor
        "recent_visits": Visit.objects.filter(area=grid)
        .select_related("household", "visitor")
        .only("visited_on", "household__number", "visitor__username", "visitor__display_name")[:10],
    }


def matter_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Matter.objects.visible_to(user).select_related("area", "resident", "handler")
    if filters.get("q"):
        q = filters["q"].strip()
        qs = qs.filter(Q(number__contains=q) | Q(description__contains=q) | Q(place__contains=q))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("area"):
        qs = qs.filter(subtree_q(filters["area"].path, "area__path"))
    if filters.get("overdue"):
        qs = qs.filter(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
    if filters.get("resident"):
        qs = qs.filter(resident=filters["resident"])
    return qs.order_by("-registered_on", "-id")


def matter_get(*, user, pk: int) -> Matter:
    return get_visible_or_404(Matter.objects.select_related("area", "resident", "handler", "duplicate_of"), user, pk=pk)


def matter_overdue_for(*, user, today: datetime.date | None = None) -> QuerySet:
    """Open matters past their due date that the user handles, or in grids where the user is 网格长."""
    today = today or timezone.localdate()
    led = GridStaff.objects.active(today).filter(user=user, post=StaffPost.LEADER).values("area_id")
    return (
        Matter.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .filter(Q(handler=user) | Q(area_id__in=led))
        .order_by("due_date")
    )


def visit_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Visit.objects.visible_to(user).select_related("area", "household", "visitor")
    if filters.get("area"):
        qs = qs.filter(subtree_q(filters["area"].path, "area__path"))
    if filters.get("household"):
        qs = qs.filter(household=filters["household"])
    if filters.get("date_from"):
        qs = qs.filter(visited_on__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(visited_on__lte=filters["date_to"])
    return qs.order_by("-visited_on", "-id")


VISIT_HOUSEHOLD_LIMIT = 20


def visit_household_choices(*, user) -> QuerySet:
    """Households the user may record a visit for: those of the grids in their grid change scope.

    The visit form validates the posted household against this queryset; it is never rendered whole.
    """
    return Household.objects.filter(scope_q(user, Module.GRID, CHANGE)).select_related("area")


def visit_household_get(*, user, pk) -> Household | None:
    """The chosen household, if it is one the user may visit; `None` for anything else (no error: a stale draft)."""
    if not re.fullmatch(r"[0-9]{1,18}", str(pk or "")):
        return None
    return visit_household_choices(user=user).filter(pk=int(pk)).first()


def visit_household_search(*, user, q: str, limit: int = VISIT_HOUSEHOLD_LIMIT) -> list[Household]:
    """At most `limit` + 1 households for the visit form's picker (the extra one tells the page there are more).

    Matches people's household search (户编号, 户主姓名, 住址) and, for a query of letters, the head's pinyin or its
    initials (zs → 张三) through people's resident search — households carry no pinyin of their own. Only households
    of grids in the user's grid change scope are returned, exact 户编号 first.
    """
    q = (q or "").strip()[:50]
    if not q:
        return []
    match = Q(pk__in=people_selectors.household_list(user=user, filters={"q": q}).values("pk"))
    if re.fullmatch(r"[A-Za-z]+", q):
        heads = people_selectors.resident_list(user=user, filters={"q": q}).filter(name=F("household__head_name"))
        match |= Q(pk__in=heads.values("household_id"))
    qs = visit_household_choices(user=user).filter(match)
    exact_first = Case(When(number=q, then=Value(0)), default=Value(1))
    return list(qs.order_by(exact_first, "area__path", "number", "pk")[: limit + 1])


def reply_templates(*, user) -> QuerySet:
    """Templates set anywhere in the user's scope, plus those set above it (a township's apply to its grids)."""
    paths = scope_paths(user, Module.GRID)
    above = {a for p in paths for a in ancestor_paths(p)}
    scoped = ReplyTemplate.objects.filter(scope_q(user, Module.GRID) | Q(area__path__in=above))
    return scoped.filter(is_active=True).select_related("area").order_by("title")


def _due_working(matter: Matter) -> bool:
    rules = [d.rule for d in deadlines_for(matter)]
    return not rules or rules[-1].unit == DayUnit.WORKING


def matter_public_status(*, pk: int) -> dict | None:
    """What the resident who raised a matter on the public site may see: its status and the reply written for them
    (`reply`, 答复群众) — never the handling record (`result`), the timeline notes or who handles it.

    A matter handed on to mediation names its dispute, so the portal can follow the resident's case there.
    """
    matter = Matter.objects.filter(pk=pk).select_related("transferred_type").first()
    if matter is None:
        return None
    state = {
        "status_label": str(matter.get_status_display()),
        "closed": matter.status in (MatterStatus.CLOSED, MatterStatus.FOLLOWED_UP),
        "reply": matter.reply,
        # When the resident may expect an answer: the handling period of its category, counted on working days at
        # registration by core's calendar (docs/law.md GRID-08); the unit is read from the rule that set it.
        "due_date": matter.due_date,
        "due_working": _due_working(matter),
    }
    if matter.transferred_type_id:
        state["transferred_to"] = (
            f"{matter.transferred_type.app_label}.{matter.transferred_type.model}",
            matter.transferred_id,
        )
    return state
