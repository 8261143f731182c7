from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.petitions.models import Petition


def test_the_api_registers_a_petition_and_refuses_six_representatives_in_chinese(client, world, calendar):
    client.force_login(world.user(Role.GRID_ADMIN))
    url = reverse("api:petitions-petition-list")
    payload = {
        "area": world.village.pk,
        "channel": "visit",
        "kind": "appeal",
        "request": "集体诉求",
        "received_on": "2023-09-20",
        "petitioners": [{"name": f"村民{i}", "is_representative": True} for i in range(6)],
    }
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400 and "代表人数不超过5人" in response.json()["petitioners"][0]
    assert not Petition.objects.exists()
    response = client.post(url, {**payload, "petitioners": payload["petitioners"][:5]}, content_type="application/json")
    assert response.status_code == 201 and response.json()["due_date"] == "2023-10-07"


def test_a_grid_member_cannot_use_the_petitions_api(client, world, calendar):
    client.force_login(world.user(Role.GRID_MEMBER))
    assert client.get(reverse("api:petitions-petition-list")).status_code == 403
    assert client.post(reverse("api:petitions-petition-list"), {}, content_type="application/json").status_code == 403
