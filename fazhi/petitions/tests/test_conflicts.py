from django.urls import reverse

from fazhi.accounts.roles import Role

from .conftest import make_petition


def test_accepting_a_petition_from_a_stale_page_shows_both_versions_and_changes_nothing(client, world, calendar):
    petition = make_petition(world)
    opened = petition.version
    petition.request = "要求解决宅基地纠纷（补充材料）"
    petition.save()
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("petitions:petition_action", args=[petition.pk, "not_accept"]),
        {"version": opened, "not_accept-reason": "不属于本机关职权范围", "not_accept-on": "2023-09-21"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "不属于本机关职权范围" in page and "补充材料" in page
    refreshed = type(petition).objects.get(pk=petition.pk)
    assert refreshed.status == petition.status and refreshed.version == opened + 1
