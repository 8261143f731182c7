"""Synthetic grid work for benchmarks: every grid staffed 一长三员, patrol visits and 群众说事 across the years, with
the demo's outcome mix (most closed and followed up, some in progress). Bulk inserts; see fazhi/people/generate.py."""

import datetime
from functools import lru_cache

from fazhi.accounts.models import User
from fazhi.core.workdays import add_working_days
from fazhi.grid.choices import CATEGORY_DAYS, CATEGORY_DEFAULTS, MatterSource, MatterStatus, Satisfaction, StaffPost
from fazhi.grid.models import GridStaff, Matter, MatterEvent, Visit
from fazhi.people.generate import area_random, day_in, how_many, name, years

VISITS_PER_RESIDENT_YEAR = 0.1
MATTERS_PER_RESIDENT_YEAR = 0.025
DESCRIPTIONS = [
    "邻里之间因排水沟堵塞发生争执，请求协调。",
    "反映村道边坡有落石隐患。",
    "咨询城乡居民养老保险缴费政策。",
    "务工工资被拖欠，请求帮助追讨。",
    "承包地界址不清，与邻居有争议。",
]
# Outcome mix of the demo's five matters per grid: 3 followed up, 1 closed, 1 still in progress.
OUTCOMES = [MatterStatus.FOLLOWED_UP] * 3 + [MatterStatus.CLOSED, MatterStatus.IN_PROGRESS]
BATCH = 2000
# How matters come in: most found by grid staff or raised in person; a matter assigned from above is rare.
SOURCE_WEIGHTS = {
    MatterSource.GRID_REPORT: 40,
    MatterSource.WALK_IN: 20,
    MatterSource.TALK: 15,
    MatterSource.PHONE: 8,
    MatterSource.HOTLINE: 8,
    MatterSource.LETTER: 3,
    MatterSource.WEBSITE: 3,
    MatterSource.ASSIGNED: 2,
    MatterSource.OTHER: 1,
}


@lru_cache(maxsize=4096)
def _due(start: datetime.date, days: int) -> datetime.date:
    # Same working-day calendar as deadline_start (docs/law.md GRID-08, T-05); cached: a year has few start days.
    return add_working_days(start, days)


def generate(context: dict) -> None:
    spans = years(context)
    categories = [code for code, _label in CATEGORY_DEFAULTS]
    members = {u.username: u.pk for u in User.objects.filter(username__startswith="bench_grid_")}
    staff, visits, matters = [], [], []
    numbers: set[str] = set()
    for grid in context["grids"]:
        rng = area_random(context, grid, __name__)
        for post in StaffPost:
            staff.append(
                GridStaff(
                    area_id=grid.pk,
                    post=post,
                    name=name(rng),
                    user_id=members.get(f"bench_grid_{grid.pk}") if post == StaffPost.FULL_TIME else None,
                    phone=f"139{rng.randrange(10**8):08d}",
                    unit=str(post.label),
                    valid_from=datetime.date(spans[0] - 1, 1, 1),
                )
            )
        households = context["households"].get(grid.pk, [])
        residents = context["residents"].get(grid.pk, [])
        visitor = members[f"bench_grid_{grid.pk}"]
        for year in spans:
            for _n in range(how_many(rng, len(residents) * VISITS_PER_RESIDENT_YEAR) if households else 0):
                visits.append(
                    Visit(
                        area_id=grid.pk,
                        household_id=rng.choice(households),
                        visited_on=day_in(rng, year),
                        visitor_id=visitor,
                        notes="入户走访，了解家庭生产生活情况，宣传法律知识。",
                    )
                )
            for _n in range(how_many(rng, len(residents) * MATTERS_PER_RESIDENT_YEAR)):
                matters.append(_matter(rng, grid.pk, year, residents, categories, visitor, numbers))
    GridStaff.objects.bulk_create(staff, batch_size=BATCH)
    Visit.objects.bulk_create(visits, batch_size=BATCH)
    Matter.objects.bulk_create(matters, batch_size=BATCH)
    MatterEvent.objects.bulk_create([e for m in matters for e in _events(m)], batch_size=BATCH)
    context["matters"] = {m.pk: m.area_id for m in matters}


def _matter(rng, grid_id, year, residents, categories, handler, numbers) -> Matter:
    on = day_in(rng, year, last=340)
    category = rng.choice(categories)
    number = f"SS{on:%Y%m%d}-{rng.randrange(16**6):06X}"
    while number in numbers:
        number = f"SS{on:%Y%m%d}-{rng.randrange(16**6):06X}"
    numbers.add(number)
    status = rng.choice(OUTCOMES)
    closed = on + datetime.timedelta(days=rng.randrange(1, 12)) if status != MatterStatus.IN_PROGRESS else None
    return Matter(
        area_id=grid_id,
        number=number,
        category=category,
        description=rng.choice(DESCRIPTIONS),
        resident_id=rng.choice(residents)[0] if residents else None,
        source=rng.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0],
        status=status,
        handler_id=handler,
        registered_on=on,
        happened_on=_happened(rng, on),
        due_date=_due(on, CATEGORY_DAYS.get(category, 10)),
        closed_on=closed,
        result="已协调处理，群众认可。" if closed else "",
        satisfaction=rng.choice([Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.FAIRLY])
        if status == MatterStatus.FOLLOWED_UP
        else "",
        followed_up_on=closed + datetime.timedelta(days=3) if status == MatterStatus.FOLLOWED_UP else None,
        created_by_id=handler,
    )


def _happened(rng, registered: datetime.date) -> datetime.date:
    """Most matters are registered the day they happen; some a few days, a few weeks after."""
    return registered - datetime.timedelta(days=rng.choice([0, 0, 0, 0, 0, 1, 2, 3, 7, 20]))


def _events(matter: Matter) -> list[MatterEvent]:
    steps = [("register", "", MatterStatus.REGISTERED), ("start", MatterStatus.REGISTERED, MatterStatus.IN_PROGRESS)]
    if matter.closed_on:
        steps.append(("close", MatterStatus.IN_PROGRESS, MatterStatus.CLOSED))
    if matter.followed_up_on:
        steps.append(("follow_up", MatterStatus.CLOSED, MatterStatus.FOLLOWED_UP))
    return [
        MatterEvent(matter_id=matter.pk, action=a, from_status=f, to_status=t, actor_id=matter.handler_id)
        for a, f, t in steps
    ]
