import datetime
import json

import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.grid.models import Matter, Visit
from fazhi.grid.services import matter_create
from fazhi.people.services import household_create, resident_create
from fazhi.people.tests.conftest import make_id

NUMBER = make_id("19900101", 123)


@pytest.fixture
def member(client, seeded, calendar):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    return seeded


def test_residents_are_masked_and_scoped_in_the_api(client, member):
    home = resident_create(actor=None, area=member.grid, name="张三", id_number=NUMBER, phone="13812345678")
    other = resident_create(actor=None, area=member.sibling_grid, name="李四")
    body = client.get("/api/v1/people/residents/").content.decode()
    assert NUMBER not in body and "13812345678" not in body
    data = json.loads(body)
    assert [r["id"] for r in data["results"]] == [home.pk]
    assert data["results"][0]["id_number"] == home.id_number_masked
    assert client.get(f"/api/v1/people/residents/{other.pk}/").status_code == 404
    found = client.get("/api/v1/people/residents/", {"q": NUMBER}).json()["results"]
    assert [r["id"] for r in found] == [home.pk]


def test_a_matter_is_registered_and_moved_through_the_api(client, member):
    response = client.post(
        "/api/v1/grid/matters/",
        {
            "area": member.grid.pk,
            "category": "dispute",
            "description": "邻里纠纷",
            "source": "phone",
            "idempotency_key": "k1",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    again = client.post(
        "/api/v1/grid/matters/",
        {
            "area": member.grid.pk,
            "category": "dispute",
            "description": "邻里纠纷",
            "source": "phone",
            "idempotency_key": "k1",
        },
        content_type="application/json",
    )
    assert again.json()["id"] == pk and Matter.objects.count() == 1
    version = client.get(f"/api/v1/grid/matters/{pk}/")["ETag"]
    bad = client.post(
        f"/api/v1/grid/matters/{pk}/transition/",
        {"action": "close"},
        content_type="application/json",
        headers={"If-Match": version},
    )
    assert bad.status_code == 400 and "办理结果" in bad.content.decode()
    ok = client.post(
        f"/api/v1/grid/matters/{pk}/transition/",
        {"action": "close", "result": "已调解"},
        content_type="application/json",
        headers={"If-Match": version},
    )
    assert ok.status_code == 200 and ok.json()["status"] == "closed"
    edit = client.patch(
        f"/api/v1/grid/matters/{pk}/",
        {"place": "新红村3组", "version": ok.json()["version"]},
        content_type="application/json",
    )
    assert edit.status_code == 200 and Matter.objects.get().place == "新红村3组"


def test_the_api_refuses_another_grid(client, member):
    response = client.post(
        "/api/v1/grid/matters/",
        {"area": member.sibling_grid.pk, "category": "dispute", "description": "x", "source": "phone"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "管辖范围" in response.content.decode()
    other = matter_create(actor=None, area=member.sibling_grid, category="other", description="x", source="phone")
    assert client.get(f"/api/v1/grid/matters/{other.pk}/").status_code == 404
    assert client.post(f"/api/v1/grid/matters/{other.pk}/transition/", {"action": "start"}).status_code == 404
    assert Matter.objects.count() == 1


def test_a_visit_draft_sent_twice_through_the_api_is_recorded_once(client, member):
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    payload = {"household": h.pk, "visited_on": "2023-05-10", "notes": "走访", "idempotency_key": "draft-9"}
    first = client.post("/api/v1/grid/visits/", payload, content_type="application/json")
    second = client.post("/api/v1/grid/visits/", payload, content_type="application/json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"] and Visit.objects.count() == 1
    assert Visit.objects.get().visited_on == datetime.date(2023, 5, 10)


def test_the_api_cannot_link_a_resident_household_or_handler_from_another_grid(client, member):
    stranger = resident_create(actor=None, area=member.sibling_grid, name="李四")
    far_household = household_create(actor=None, area=member.sibling_grid, number="02-001", head_name="李四")
    matter = client.post(
        "/api/v1/grid/matters/",
        {"area": member.grid.pk, "category": "dispute", "description": "x", "source": "phone", "resident": stranger.pk},
        content_type="application/json",
    )
    visit = client.post(
        "/api/v1/grid/visits/",
        {"household": far_household.pk, "visited_on": "2023-05-10", "notes": "走访"},
        content_type="application/json",
    )
    assert matter.status_code == visit.status_code == 400
    assert Matter.objects.count() == Visit.objects.count() == 0
    own = matter_create(actor=None, area=member.grid, category="other", description="x", source="phone")
    outsider = make_user("outsider", role=Role.GRID_MEMBER, area=member.sibling_grid)
    assign = client.post(
        f"/api/v1/grid/matters/{own.pk}/transition/",
        {"action": "assign", "handler": outsider.pk, "version": own.version},
        content_type="application/json",
    )
    assert assign.status_code == 400 and "任职" in assign.content.decode()
    own.refresh_from_db()
    assert own.handler_id is None


def test_an_api_edit_over_a_newer_version_is_refused_with_412(client, member):
    matter = matter_create(actor=None, area=member.grid, category="other", description="原描述", source="phone")
    url = f"/api/v1/grid/matters/{matter.pk}/"
    opened = str(matter.version)
    first = client.patch(url, {"place": "3组"}, content_type="application/json", headers={"If-Match": opened})
    assert first.status_code == 200 and first.json()["version"] == matter.version + 1
    stale = client.patch(url, {"place": "5组"}, content_type="application/json", headers={"If-Match": opened})
    assert stale.status_code == 412 and "记录已被他人修改" in stale.json()["detail"]
    matter.refresh_from_db()
    assert matter.place == "3组" and matter.version == int(opened) + 1
