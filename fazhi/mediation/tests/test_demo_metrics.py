"""The demo township's 2023 figures equal the seed report's (103 / 2), each figure is exactly its records."""

import datetime

import pytest

from fazhi.areas import demo as areas_demo
from fazhi.areas.models import Area
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.metrics import Period, refresh
from fazhi.core.registry import registry
from fazhi.core.testing import shared_records
from fazhi.mediation import demo
from fazhi.mediation.choices import DisputeStatus, Tier
from fazhi.mediation.models import Dispute

# Every test here reads the demo township: built once for the module, rolled back after it (fazhi.core.testing).
pytestmark = pytest.mark.xdist_group("mediation-demo")


def _demo_township():
    dictionary_seed()
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    return context["township"]


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from shared_records(django_db_blocker, tmp_path_factory, _demo_township)


@pytest.fixture
def demo_township(_demo, db):
    return _demo


def test_demo_figures_for_2023_equal_the_seed_and_are_exactly_their_records(demo_township):
    period = Period.year(2023)
    metrics = refresh()
    general = metrics["mediation.general_disputes_resolved"]
    key = metrics["mediation.key_group_disputes_resolved"]
    assert general.value(area=demo_township, period=period) == 103
    assert key.value(area=demo_township, period=period) == 2
    expected_general = Dispute.objects.filter(
        status=DisputeStatus.RESOLVED, key_group=False, closed_on__year=2023
    ).values_list("pk", flat=True)
    assert set(general.evidence(area=demo_township, period=period).values_list("pk", flat=True)) == set(
        expected_general
    )
    key_rows = key.evidence(area=demo_township, period=period)
    assert all(d.key_group and d.status == DisputeStatus.RESOLVED for d in key_rows)
    # across the three tiers
    tiers = set(general.evidence(area=demo_township, period=period).values_list("tier", flat=True))
    assert tiers == {Tier.SIMPLE, Tier.GENERAL, Tier.DIFFICULT}
    assert metrics["mediation.judicial_confirmations"].value(area=demo_township, period=period) == 3


def test_figures_are_limited_to_the_area_and_the_period(demo_township):
    other = Area.objects.get(name="明通镇")
    metrics = refresh()
    assert metrics["mediation.general_disputes_resolved"].value(area=other, period=Period.year(2023)) == 0
    assert metrics["mediation.general_disputes_resolved"].value(area=demo_township, period=Period.year(2022)) == 0
    village = Area.objects.get(name="新红村")
    assert 0 < metrics["mediation.general_disputes_resolved"].value(area=village, period=Period.year(2023)) < 103


def test_demo_loader_is_idempotent_and_leaves_open_and_overdue_cases(demo_township):
    count = Dispute.objects.count()
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    assert Dispute.objects.count() == count
    today = datetime.date.today()
    open_cases = Dispute.objects.filter(status=DisputeStatus.OPEN)
    assert open_cases.filter(due_date__lt=today).count() >= 2


def test_the_workbench_shows_the_overdue_cases_to_the_demo_studio_mediator_only_if_assigned(demo_township):
    from fazhi.accounts.models import User
    from fazhi.mediation.workbench import items

    legal = User.objects.get(username="fazhi")
    titles = [i.title for i in items(legal)]
    assert any(i.overdue for i in items(legal)) and len(titles) >= 3
    assert items(User.objects.get(username="ducha")) == []  # the county supervisor reads, but acts on nothing
    assert items(User.objects.get(username="wanggeyuan")) == []  # grid member: no mediation rights
    assert demo.load in [loader for _o, loader in registry.demo_loaders]
