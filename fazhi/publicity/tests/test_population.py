import datetime

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.people import services as people_services
from fazhi.publicity import services
from fazhi.publicity.population import population_shares

pytestmark = pytest.mark.usefixtures("dictionaries")
D = datetime.date


@pytest.fixture
def residents(world):
    actor = world.user(Role.GRID_ADMIN)
    rows = [
        ("老甲", "male", D(1950, 1, 1), "resident"),
        ("老乙", "female", D(1955, 6, 1), "resident"),
        ("老丙", "female", D(1948, 3, 1), "resident"),
        ("老丁", "male", D(1940, 3, 1), "resident"),
        ("外甲", "male", D(1990, 3, 1), "away"),
        ("外乙", "female", D(1992, 3, 1), "away"),
        ("学甲", "male", D(2012, 3, 1), "resident"),
        ("迁甲", "male", D(1980, 3, 1), "moved_out"),
    ]
    for name, sex, born, status in rows:
        people_services.resident_create(
            actor=actor, area=world.grid, name=name, sex=sex, birth_date=born, status=status
        )


def test_population_shares_come_from_the_residents_registry(world, residents):
    shares, source = population_shares(user=world.user(Role.LEGAL_STAFF), area=world.township, on=D(2023, 12, 31))
    assert shares == {"elderly": 4 / 7, "students": 1 / 7, "women": 3 / 7, "migrant": 2 / 7}
    assert "7人" in source and "按出生年份计" in source


def test_a_user_without_registry_rights_gets_audiences_only(world, residents):
    shares, source = population_shares(user=world.user(Role.ENFORCER), area=world.township, on=D(2023, 12, 31))
    assert shares is None and "仅按普法对象之间比较" in source


def test_reach_page_compares_with_the_population_and_flags_migrant_workers(world, residents, client):
    services.activity_create(
        actor=world.user(Role.LEGAL_STAFF),
        area=world.village,
        held_on=D(2023, 5, 1),
        title="民法典",
        form="lecture",
        audiences={"elderly": 60, "women": 2},
        participants=62,
    )
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("publicity:reach"), {"area": world.township.pk, "year": 2023}).content.decode()
    assert "人口结构来自居民信息库（7人），年龄按出生年份计" in page
    assert "覆盖不足或未覆盖：" in page and "外出务工人员" in page
    # women are 43% of residents but 3% of those reached: under-reached
    assert "覆盖不足" in page
