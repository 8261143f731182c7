import datetime

from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.petitions import selectors

from .conftest import make_petition

D = datetime.date


def test_accusation_material_is_never_visible_to_the_person_or_unit_accused(world, calendar):
    accused = make_user("u_accused_leader", role=Role.LEADER, area=world.township)
    colleague = make_user("u_colleague", role=Role.LEADER, area=world.township)
    colleague.unit = "治平乡村镇建设办"
    colleague.save()
    about_person = make_petition(
        world, kind="accusation", request="举报某干部", accused_name="某干部", accused_user=accused
    )
    about_unit = make_petition(
        world, kind="accusation", request="举报建设办", accused_unit="治平乡村镇建设办", names=("李四",)
    )
    plain = make_petition(world, request="建议修路", kind="suggestion", names=("王五",))
    assert set(selectors.petition_list(user=accused)) == {about_unit, plain}
    assert set(selectors.petition_list(user=colleague)) == {about_person, plain}
    assert set(selectors.petition_list(user=world.user(Role.LEGAL_STAFF))) == {about_person, about_unit, plain}


def test_the_accused_gets_404_on_the_page_and_the_api(client, world, calendar):
    accused = make_user("u_accused", role=Role.LEADER, area=world.township)
    petition = make_petition(world, kind="accusation", request="举报", accused_user=accused)
    client.force_login(accused)
    assert client.get(reverse("petitions:petition_detail", args=[petition.pk])).status_code == 404
    assert client.get(reverse("api:petitions-petition-detail", args=[petition.pk])).status_code == 404


def test_a_grid_member_cannot_open_a_petition(client, world, calendar):
    petition = make_petition(world, area=world.grid)
    client.force_login(world.user(Role.GRID_MEMBER))
    assert client.get(reverse("petitions:petition_detail", args=[petition.pk])).status_code == 403
    assert client.get(reverse("petitions:petition_list")).status_code == 403
    assert client.get(reverse("api:petitions-petition-detail", args=[petition.pk])).status_code == 403
    assert selectors.petition_list(user=world.user(Role.GRID_MEMBER)).count() == 0
