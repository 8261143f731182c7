"""The dispute form: parties found by typing, choices with many answers start blank, 保存并继续添加 and 复制
(issue 23)."""

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.mediation.models import Dispute
from fazhi.people.services import resident_create


@pytest.fixture
def staff(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    return world.user(Role.LEGAL_STAFF)


def _data(world, studio, mediator, **overrides):
    data = {
        "area": world.village.pk,
        "title": "宅基地边界纠纷",
        "dispute_type": "wages",
        "source": "walk_in",
        "tier": "general",
        "received_on": "2023-04-03",
        "applicant": "王五",
        "respondent": "李四",
        "body": studio.pk,
        "mediators": [mediator.pk],
    }
    return {**data, **overrides}


def test_the_form_lists_no_resident_and_leaves_type_and_source_unchosen(world, staff, client, studio):
    resident_create(actor=None, area=world.grid, name="冉华")
    page = client.get(reverse("mediation:dispute_create"))
    html = page.content.decode()
    assert "冉华" not in html  # the party is searched for, never listed
    assert 'name="applicant_resident_search"' in html
    assert page.context["form"]["dispute_type"].value() is None
    assert page.context["form"]["source"].value() is None
    response = client.post(reverse("mediation:dispute_create"), {"title": "x", "applicant": "王五"})
    errors = response.context["form"].errors
    assert set(errors) >= {"dispute_type", "source"}
    assert errors["source"][0] in response.content.decode() and "必填" in errors["source"][0]


def test_a_party_found_by_search_is_saved_and_one_out_of_scope_is_refused(world, staff, client, studio, mediator):
    here = resident_create(actor=None, area=world.grid, name="冉华")
    elsewhere = resident_create(actor=None, area=world.foreign_grid, name="冉华")
    data = _data(world, studio, mediator, applicant="冉华", applicant_resident=elsewhere.pk)
    response = client.post(reverse("mediation:dispute_create"), data)
    assert "选择一个有效的选项" in response.content.decode()
    assert not Dispute.objects.exists()

    data["applicant_resident"] = here.pk
    client.post(reverse("mediation:dispute_create"), data)
    assert Dispute.objects.get().parties.get(role="applicant").resident == here


def test_save_and_add_another_keeps_the_intake_fields_and_copy_takes_the_case(world, staff, client, studio, mediator):
    data = _data(world, studio, mediator, _add_another="1")
    response = client.post(reverse("mediation:dispute_create"), data, follow=True)
    dispute = Dispute.objects.get()
    assert f"已登记纠纷 {dispute.number}。请继续添加下一条。" in response.content.decode()
    form = response.context["form"]
    assert form["dispute_type"].value() == "wages" and form["received_on"].value() == "2023-04-03"
    assert form["mediators"].value() == [str(mediator.pk)]
    assert form["title"].value() in (None, "")

    detail = client.get(reverse("mediation:dispute_detail", args=[dispute.pk])).content.decode()
    assert f"{reverse('mediation:dispute_create')}?copy={dispute.pk}" in detail
    copied = client.get(reverse("mediation:dispute_create"), {"copy": dispute.pk}).context["form"]
    assert copied["title"].value() == "宅基地边界纠纷" and copied["respondent"].value() == "李四"
    assert str(copied["received_on"].value()) != "2023-04-03"  # a new case is received today
