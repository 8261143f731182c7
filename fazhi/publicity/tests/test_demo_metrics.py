"""The demo township's 2023 figures equal the seed report's, and each figure is exactly its records."""

import pytest

from fazhi.areas import demo as areas_demo
from fazhi.core.metrics import Period, refresh
from fazhi.publicity import demo
from fazhi.publicity.models import Activity, ActivityMaterial, MediaPost
from fazhi.publicity.tests.helpers import seed_publicity_dictionaries

SEED = {
    "publicity.campaign_events": 3,
    "publicity.video_posts": 10,
    "publicity.activities": 11,
    "publicity.materials_civil_code": 106,
    "publicity.materials_other": 730,
    "publicity.lectures": 11,
    "publicity.series_episodes": 69,
}


@pytest.fixture
def demo_township(db):
    seed_publicity_dictionaries()
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    return context["township"]


@pytest.mark.parametrize(("key", "expected"), SEED.items())
def test_demo_metric_for_2023_equals_the_seed_figure(demo_township, key, expected):
    metrics = refresh()
    assert metrics[key].value(area=demo_township, period=Period.year(2023)) == expected


def test_each_metric_returns_exactly_the_records_it_counts(demo_township):
    period = Period.year(2023)
    metrics = refresh()

    def evidence(key):
        return set(metrics[key].evidence(area=demo_township, period=period).values_list("pk", flat=True))

    assert evidence("publicity.campaign_events") == set(
        Activity.objects.filter(strand="thought", held_on__year=2023).values_list("pk", flat=True)
    )
    dates = sorted(
        (d.month, d.day)
        for d in metrics["publicity.campaign_events"]
        .evidence(area=demo_township, period=period)
        .values_list("held_on", flat=True)
    )
    assert dates[0] == (4, 15) and (12, 4) in dates
    assert evidence("publicity.series_episodes") == set(
        MediaPost.objects.filter(series__title="小米书记话振兴").values_list("pk", flat=True)
    )
    assert evidence("publicity.video_posts") == set(
        MediaPost.objects.filter(account__name="孝善治平", topic="xi_thought").values_list("pk", flat=True)
    )
    handbooks = evidence("publicity.materials_civil_code")
    others = evidence("publicity.materials_other")
    assert handbooks.isdisjoint(others)
    assert sum(ActivityMaterial.objects.filter(pk__in=others).values_list("quantity", flat=True)) == 730
    assert set(ActivityMaterial.objects.filter(pk__in=others).values_list("unit", flat=True)) == {"份"}


def test_figures_are_limited_to_the_area_and_the_period(demo_township):
    from fazhi.areas.models import Area

    other = Area.objects.get(name="明通镇")
    metrics = refresh()
    assert metrics["publicity.activities"].value(area=other, period=Period.year(2023)) == 0
    assert metrics["publicity.activities"].value(area=demo_township, period=Period.year(2022)) == 0
    village = Area.objects.get(name="新红村")
    assert 0 < metrics["publicity.activities"].value(area=village, period=Period.year(2023)) < 11


def test_demo_loader_is_idempotent(demo_township):
    counts = (Activity.objects.count(), MediaPost.objects.count(), ActivityMaterial.objects.count())
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    assert (Activity.objects.count(), MediaPost.objects.count(), ActivityMaterial.objects.count()) == counts


def test_reach_flags_the_audiences_and_villages_the_demo_township_never_reached(demo_township):
    from fazhi.publicity.selectors import reach

    result = reach(area=demo_township, period=Period.year(2023))
    by_code = {a.code: a for a in result.audiences}
    assert by_code["migrant"].reached == 0 and by_code["migrant"].gap == "未覆盖"
    assert by_code["new_employment"].gap == "未覆盖"
    assert by_code["elderly"].gap == "" and by_code["students"].gap == ""
    assert "外出务工人员" in result.gaps
    assert [v.village.name for v in result.villages if v.gap] == ["临河村"]


def test_reach_flags_a_group_far_below_its_population_share(demo_township):
    from fazhi.publicity.selectors import reach

    # e.g. women are half of the residents but a small share of the people reached
    result = reach(area=demo_township, period=Period.year(2023), population={"women": 0.5, "elderly": 0.2})
    by_code = {a.code: a for a in result.audiences}
    assert by_code["women"].gap == "覆盖不足"
    assert by_code["elderly"].gap == ""
