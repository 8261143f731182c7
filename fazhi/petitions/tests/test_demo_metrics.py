import pytest

from fazhi.areas import demo as areas_demo
from fazhi.areas.models import Area
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.management.commands.setup_platform import seed_calendar
from fazhi.core.metrics import Period, refresh
from fazhi.petitions import demo
from fazhi.petitions.models import KeyPetitioner, Petition


@pytest.fixture
def demo_township(db):
    seed_calendar()
    dictionary_seed()
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    return context["township"]


def test_one_key_petitioner_settled_in_2023_and_the_figure_is_that_record(demo_township):
    metrics = refresh()
    metric = metrics["petitions.key_petitioners_settled"]
    period = Period.year(2023)
    assert metric.value(area=demo_township, period=period) == 1
    assert list(metric.evidence(area=demo_township, period=period)) == [KeyPetitioner.objects.get(name="冉某明")]
    assert metric.value(area=demo_township, period=Period.year(2022)) == 0
    assert metric.value(area=Area.objects.get(name="明通镇"), period=period) == 0


def test_petition_figures_for_2023(demo_township):
    period = Period.year(2023)
    metrics = refresh()
    assert metrics["petitions.received"].value(area=demo_township, period=period) == 3
    assert metrics["petitions.accepted"].value(area=demo_township, period=period) == 3
    assert metrics["petitions.closed_on_time"].value(area=demo_township, period=period) == 3
    assert metrics["petitions.overdue"].value(area=demo_township, period=period) == 0


def test_the_demo_is_idempotent_and_leaves_an_overdue_petition_on_the_workbench(demo_township):
    from fazhi.accounts.models import User
    from fazhi.petitions.workbench import items

    count = Petition.objects.count()
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    assert Petition.objects.count() == count
    work = items(User.objects.get(username="fazhi"))
    assert any(i.overdue for i in work)
    assert items(User.objects.get(username="wanggeyuan")) == []
