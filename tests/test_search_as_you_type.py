"""Every list page with a search box searches as one types (htmx, debounced), and the resident list sends its
search by POST so a full ID or phone number never reaches a URL (the browser test follows the requests)."""

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role

TRIGGER = "input changed delay:400ms from:find input[name=q], search from:find input[name=q]"
LISTS = [
    "areas:area_list",
    "areas:member_list",
    "decisions:decision_list",
    "documents:document_list",
    "enforcement:case_list",
    "grid:matter_list",
    "mediation:dispute_list",
    "petitions:petition_list",
    "people:household_list",
    "people:resident_list",
    "publicity:activity_list",
]


@pytest.mark.parametrize("url_name", LISTS)
def test_the_search_box_searches_as_one_types(world, client, url_name):
    client.force_login(world.user(Role.SEC_ADMIN if url_name == "areas:member_list" else Role.LEADER))
    html = client.get(reverse(url_name)).content.decode()
    assert 'name="q"' in html and TRIGGER in html


def test_the_resident_list_searches_by_post_and_never_pushes_the_search_to_the_address_bar(world, client):
    from fazhi.people.services import resident_create

    resident_create(actor=None, area=world.grid, name="王五", phone="13812345678")
    client.force_login(world.user(Role.GRID_ADMIN))
    html = client.get(reverse("people:resident_list")).content.decode()
    form = html.split('id="resident-search"', 1)[1].split(">", 1)[0]
    assert 'hx-post="' in form and "hx-push-url" not in form
    found = client.post(reverse("people:resident_list"), {"q": "13812345678"}).content.decode()
    assert "王五" in found
    assert "王五" not in client.post(reverse("people:resident_list"), {"q": "13900000000"}).content.decode()
