import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.people.models import Resident, ResidentTag
from fazhi.people.tests.conftest import make_id

URL = "/api/v1/people/residents/"
NUMBER = make_id("19850704", 124)  # an even sequence digit: 女


@pytest.fixture
def grid(world):
    village = make_area(world.other_township, Level.VILLAGE, "东安村", "500229104201")
    return make_area(village, Level.GRID, "东安村第1网格", grid_number=1)


@pytest.fixture
def member(grid):
    return staff_at(grid, role=Role.GRID_MEMBER, username="dongan_grid")


def test_a_resident_is_registered_and_read_back_masked(client, seeded, grid, member):
    data = {"area": grid.pk, "name": "冉华", "id_number": NUMBER, "phone": "13812345678"}
    data["tags"] = ["left_behind_elderly"]
    response = post_as(client, member, URL, data)
    assert response.status_code == 201, response.content
    resident = Resident.objects.get(pk=response.json()["id"])
    # Derived by the service from the 身份证号 (GB 11643-1999): birth date, sex; pinyin initials for search.
    assert resident.birth_date == datetime.date(1985, 7, 4) and resident.sex == "female"
    assert resident.name_initials == "rh" and audited_creation(resident, member)
    body = response.content.decode()
    assert NUMBER not in body and "13812345678" not in body and "1985-07-04" not in body
    assert response.json()["id_number"] == resident.id_number_masked


def test_residents_refuse_another_role_another_grid_and_bad_input(client, seeded, world, grid, member):
    data = {"area": grid.pk, "name": "冉华"}
    assert post_as(client, world.user(Role.ENFORCER), URL, data).status_code == 403
    assert post_as(client, member, URL, {**data, "area": world.grid.pk}).status_code == 403
    bad = {**data, "id_number": "500229198507041239", "phone": "12", "tags": ["vip"]}
    assert_field_errors_in_chinese(post_as(client, member, URL, bad), {"tags"})
    bad.pop("tags")
    assert_field_errors_in_chinese(post_as(client, member, URL, bad), {"id_number", "phone"})
    assert_field_errors_in_chinese(post_as(client, member, URL, {"area": grid.pk, "status": "x"}), {"name", "status"})
    assert not Resident.objects.exists() and not ResidentTag.objects.exists()
