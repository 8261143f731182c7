"""Synthetic 普法 for benchmarks, like the demo: a yearly plan per township, about three activities a month spread
over the township and its villages (themes, audiences reached, materials handed out) and a media account posting
weekly. Bulk inserts; see fazhi/people/generate.py."""

import datetime
import random

from fazhi.people.generate import day_in, township_randoms, years
from fazhi.publicity.choices import AUDIENCE_DEFAULTS, FORM_DEFAULTS, THEME_DEFAULTS, MaterialMode, Platform, Strand
from fazhi.publicity.models import (
    Activity,
    ActivityAudience,
    ActivityMaterial,
    ActivityTheme,
    MediaAccount,
    MediaPost,
    Plan,
    PlanItem,
)

ACTIVITIES_PER_YEAR = 36
POSTS_PER_YEAR = 52
BATCH = 2000


def generate(context: dict) -> None:
    streams = township_randoms(context, __name__)
    spans = years(context)
    forms = [c for c, _l in FORM_DEFAULTS]
    themes = dict(THEME_DEFAULTS)
    audiences = [c for c, _l in AUDIENCE_DEFAULTS]
    plans = [Plan(area=t, year=y, title=f"{t.name}{y}年普法工作计划") for t in context["townships"] for y in spans]
    Plan.objects.bulk_create(plans)
    items = [
        PlanItem(plan=p, title=f"{label}宣传", audience="普通群众", due_by=datetime.date(p.year, 12, 31),
                 responsible="司法所", target_count=3)
        for p in plans
        for label in streams[p.area_id].sample(list(themes.values()), 4)
    ]  # fmt: skip
    PlanItem.objects.bulk_create(items, batch_size=BATCH)
    items_of: dict[int, list[PlanItem]] = {}
    for item in items:
        items_of.setdefault(item.plan_id, []).append(item)
    activities, details = [], []
    for plan in plans:
        rng = streams[plan.area_id]
        places = [plan.area, *(v for v in context["villages"] if v.parent_id == plan.area_id)]
        for _n in range(ACTIVITIES_PER_YEAR):
            where = rng.choice(places)
            picked = rng.sample(list(themes), rng.choice((1, 1, 2)))
            reached = {a: rng.randrange(20, 150) for a in rng.sample(audiences, rng.choice((1, 1, 2)))}
            activities.append(
                Activity(
                    area=where,
                    held_on=day_in(rng, plan.year),
                    title=f"{themes[picked[0]]}宣传",
                    place=where.name,
                    form=rng.choice(forms),
                    strand=rng.choices(list(Strand), weights=(85, 10, 5))[0],
                    participants=sum(reached.values()),
                    plan_item=rng.choice(items_of[plan.pk]) if rng.random() < 0.5 else None,
                )
            )
            details.append((picked, reached, rng.randrange(20, 120)))
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    ActivityTheme.objects.bulk_create(
        [ActivityTheme(activity=a, theme=t) for a, (ts, _r, _q) in zip(activities, details, strict=True) for t in ts],
        batch_size=BATCH,
    )
    ActivityAudience.objects.bulk_create(
        [
            ActivityAudience(activity=a, audience=k, reached=n)
            for a, (_t, reached, _q) in zip(activities, details, strict=True)
            for k, n in reached.items()
        ],
        batch_size=BATCH,
    )
    ActivityMaterial.objects.bulk_create(
        [
            ActivityMaterial(activity=a, kind="leaflet", mode=MaterialMode.HANDED_OUT, quantity=q, unit="份")
            for a, (_t, _r, q) in zip(activities, details, strict=True)
        ],
        batch_size=BATCH,
    )
    _media(streams, context["townships"], spans, list(themes))


def _media(streams: dict[int, random.Random], townships, spans: list[int], topics: list[str]) -> None:
    accounts = MediaAccount.objects.bulk_create(
        [MediaAccount(area=t, name=f"{t.name}普法", platform=Platform.VIDEO) for t in townships]
    )
    posts = []
    for a in accounts:
        rng = streams[a.area_id]
        posts += [
            MediaPost(
                area_id=a.area_id,
                account=a,
                published_on=day_in(rng, y),
                title="以案释法",
                topic=rng.choice(topics),
                views=rng.randrange(50, 5000),
            )
            for y in spans
            for _n in range(POSTS_PER_YEAR)
        ]
    MediaPost.objects.bulk_create(posts, batch_size=BATCH)
