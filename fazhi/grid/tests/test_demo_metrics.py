import pytest
from django.core.management import call_command

from fazhi.areas import demo as areas_demo
from fazhi.core.metrics import Period, refresh
from fazhi.grid import demo
from fazhi.grid.choices import StaffPost
from fazhi.grid.models import GridStaff, Matter, Visit
from fazhi.people.models import Household, Resident


@pytest.fixture
def township(db):
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    context["counts"] = (Household.objects.count(), Resident.objects.count(), Matter.objects.count())
    demo.load(context)  # idempotent
    return context


def test_the_demo_township_has_eleven_grids_each_staffed_one_leader_three_posts(township):
    area = township["township"]
    period = Period.year(2023)
    metrics = refresh()
    assert metrics["grid.grids"].value(area=area, period=period) == 11
    for post in StaffPost:
        assert metrics[f"grid.staff.{post.value}"].value(area=area, period=period) == 11
    assert GridStaff.objects.count() == 44


def test_demo_loading_twice_adds_nothing(township):
    assert township["counts"] == (Household.objects.count(), Resident.objects.count(), Matter.objects.count())
    assert Resident.objects.count() >= 200


def test_matter_and_visit_metrics_count_their_2023_records(township):
    area = township["township"]
    period = Period.year(2023)
    metrics = refresh()
    raised = metrics["grid.matters_raised"].value(area=area, period=period)
    assert raised == Matter.objects.filter(registered_on__year=2023).count() > 0
    assert metrics["grid.visits"].value(area=area, period=period) == Visit.objects.count() > 0
    followed = metrics["grid.matters_followed_up"].value(area=area, period=period)
    assert 0 < metrics["grid.matters_satisfied"].value(area=area, period=period) <= followed
    assert metrics["people.residents.veteran"].value(area=area, period=Period.year(2023)) == (
        Resident.objects.filter(tags__code="veteran").count()
    )


def test_a_village_sees_only_its_own_grids(township):
    village, grids = township["villages"][0]
    metrics = refresh()
    assert metrics["grid.grids"].value(area=village, period=Period.year(2023)) == len(grids) == 2
