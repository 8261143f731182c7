import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.portal import services
from fazhi.portal.models import PublicRequest

REQUESTS = "/public/open311/v2/requests.json"


@pytest.fixture
def categories(db):
    pytest.importorskip("fazhi.grid.choices")
    dictionary_seed()


def test_services_are_the_matter_categories_plus_mediation(world, categories, client):
    rows = client.get("/public/open311/v2/services.json").json()
    codes = {r["service_code"] for r in rows}
    assert {"sanitation", "safety", "other", "mediation"} <= codes
    assert all(r["metadata"] is False and r["type"] == "realtime" for r in rows)
    assert client.get("/public/open311/v2/services/sanitation.json").json()["attributes"] == []
    assert client.get("/public/open311/v2/services/nope.json").status_code == 404


def test_post_creates_a_request_and_get_follows_it_with_the_phone_digits(world, categories, client):
    data = {
        "service_code": "sanitation",
        "description": "河边有人倾倒垃圾，气味很大。",
        "address_id": world.village.code,
        "last_name": "李",
        "first_name": "四",
        "phone": "13700001111",
    }
    body = client.post(REQUESTS, data).json()
    code = body[0]["service_request_id"]
    created = PublicRequest.objects.get(code=code)
    assert (created.area, created.category, created.contact_name) == (world.village, "sanitation", "李四")

    url = f"/public/open311/v2/requests/{code}.json"
    assert client.get(url, {"phone_last4": "2222"}).status_code == 404
    row = client.get(url, {"phone_last4": "1111"}).json()[0]
    assert row["status"] == "open" and row["service_code"] == "sanitation"
    assert "李四" not in str(row) and "13700001111" not in str(row) and "倾倒垃圾" not in str(row)

    services.public_reply_add(actor=world.user(Role.VILLAGE_CADRE), request=created, reply="已清理。", close=True)
    row = client.get(url, {"phone_last4": "1111"}).json()[0]
    assert (row["status"], row["status_notes"]) == ("closed", "已清理。")


def test_bad_posts_get_a_chinese_description_and_save_nothing(world, categories, client):
    response = client.post(REQUESTS, {"service_code": "nope", "description": "x", "address_id": world.village.code})
    assert response.status_code == 400 and "service_code 无效" in response.json()[0]["description"]
    response = client.post(REQUESTS, {"service_code": "other", "description": "路灯坏了很久了", "address_id": "1"})
    assert response.status_code == 400 and "乡镇或村（社区）" in response.json()[0]["description"]
    assert PublicRequest.objects.count() == 0


def test_requests_are_never_listed(world, client):
    services.public_request_submit(area=world.village, kind="matter", description="路灯坏了很久了")
    assert client.get(REQUESTS).json() == []


def test_the_11th_api_submission_in_a_minute_is_refused(world, categories, client):
    data = {"service_code": "other", "description": "路灯坏了很久了", "address_id": world.village.code}
    for _i in range(10):
        assert client.post(REQUESTS, data).status_code == 200
    response = client.post(REQUESTS, data)
    assert response.status_code == 429 and "请过一分钟再试" in response.json()[0]["description"]
    assert PublicRequest.objects.count() == 10


def test_the_url_names_resolve():
    assert reverse("portal:open311_requests") == REQUESTS
