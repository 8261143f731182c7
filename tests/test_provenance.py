"""A record raised from another keeps what is known, and links back to its source (fazhi/core/provenance.py).

One test per "raise from" path: visit → matter, matter → dispute, public request → matter / dispute, Open311 →
matter, petition → dispute, dispute → petition. And a source deleted or moved out of the user's scope: the record
still opens, the link says the source is not available, and nothing of it shows.
"""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid import services as grid_services
from fazhi.grid.models import Matter
from fazhi.mediation import services as mediation_services
from fazhi.mediation.choices import BodyKind, DisputeSource, Tier
from fazhi.mediation.models import Dispute
from fazhi.mediation.services import PartyInput
from fazhi.people.services import household_create, resident_create
from fazhi.petitions import services as petition_services
from fazhi.petitions.services import PetitionerInput
from fazhi.portal.choices import RequestKind
from fazhi.portal.models import PublicRequest
from fazhi.portal.services import public_request_submit

D = datetime.date
UNAVAILABLE = "来源记录已不存在或不在您的查看范围内"


@pytest.fixture
def setup(world):
    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    return world


@pytest.fixture
def studio(setup):
    return mediation_services.body_create(actor=None, area=setup.township, name="调解工作室", kind=BodyKind.STUDIO)


@pytest.fixture
def mediator(setup, studio):
    return mediation_services.mediator_create(
        actor=None,
        area=setup.township,
        name="黄书记",
        kind="first_secretary",
        body=studio,
        user=setup.user(Role.MEDIATOR),
        valid_from=D(2022, 1, 1),
    )


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _visit_matter(world) -> Matter:
    household = household_create(
        actor=None, area=world.grid, number="01-007", head_name="王五", member_count=3, address="新红村3组12号"
    )
    head = resident_create(actor=None, household=household, name="王五")
    grid_services.visit_record(
        actor=world.user(Role.GRID_MEMBER),
        household=household,
        visited_on=D(2024, 5, 10),
        matter={"category": "dispute", "description": "与邻居因排水沟堵塞争吵"},
    )
    matter = Matter.objects.get()
    assert matter.resident == head
    return matter


def test_a_matter_raised_on_a_visit_carries_the_household_its_head_and_address_and_links_to_the_visit(setup, client):
    matter = _visit_matter(setup)
    assert (matter.place, matter.raised_by, matter.visit.household.number) == ("新红村3组12号", "王五", "01-007")
    html = _page(client, setup.user(Role.GRID_ADMIN), reverse("grid:matter_detail", args=[matter.pk]))
    assert "新红村3组12号" in html and "王五" in html
    assert "来源走访" in html and "01-007户（户主 王五）" in html
    assert reverse("people:household_detail", args=[matter.visit.household_id]) in html


def test_a_visitor_who_may_not_see_residents_still_gets_the_head_by_name(setup):
    household = household_create(actor=None, area=setup.grid, number="01-008", head_name="赵六", address="2组")
    user = setup.user(Role.GRID_MEMBER)
    if user.has_perm("people.view"):
        pytest.skip("a grid member sees residents here")
    grid_services.visit_record(
        actor=user,
        household=household,
        visited_on=D(2024, 5, 10),
        matter={"category": "other", "description": "路灯坏了"},
    )
    matter = Matter.objects.get()
    assert (matter.resident, matter.raised_by_text, matter.place) == (None, "赵六", "2组")


def test_a_dispute_raised_from_a_matter_carries_the_party_with_their_address_and_the_facts(
    setup, studio, mediator, client
):
    matter = _visit_matter(setup)
    admin = setup.user(Role.GRID_ADMIN)
    dispute = mediation_services.dispute_create_from_matter(
        actor=admin, matter=matter, dispute_type="neighbour", body=studio, mediators=[mediator]
    )
    party = dispute.parties.get()
    assert (party.name, party.resident, party.address) == ("王五", matter.resident, "新红村3组12号")
    assert dispute.facts == matter.description and dispute.title == matter.description
    html = _page(client, setup.user(Role.LEADER), reverse("mediation:dispute_detail", args=[dispute.pk]))
    assert "来源事项" in html and reverse("grid:matter_detail", args=[matter.pk]) in html
    assert "王五 · 新红村3组12号" in html


def test_the_dispute_form_from_a_matter_asks_nothing_the_matter_knew(setup, studio, mediator, client):
    matter = _visit_matter(setup)
    html = _page(client, setup.user(Role.LEADER), reverse("mediation:dispute_create_from_matter", args=[matter.pk]))
    assert 'value="王五"' in html and "与邻居因排水沟堵塞争吵" in html


def _submit(world, django_capture_on_commit_callbacks, kind) -> PublicRequest:
    with django_capture_on_commit_callbacks(execute=True):
        request = public_request_submit(
            area=world.village,
            kind=kind,
            description="村口路灯坏了一个月了。",
            contact_name="刘七",
            phone="13912345678",
        )
    request.refresh_from_db()
    assert request.handoff_id, request.handoff_error
    return request


def test_a_matter_from_a_public_request_carries_the_words_and_contact_and_links_to_the_request(
    setup, client, django_capture_on_commit_callbacks
):
    request = _submit(setup, django_capture_on_commit_callbacks, RequestKind.MATTER)
    matter = Matter.objects.get(pk=request.handoff_id)
    assert "村口路灯坏了一个月了。" in matter.description
    assert matter.raised_by_text == "刘七 139****5678" and matter.place == setup.village.name
    html = _page(client, setup.user(Role.GRID_ADMIN), reverse("grid:matter_detail", args=[matter.pk]))
    assert "来源网上诉求" in html and reverse("portal:request_detail", args=[request.pk]) in html
    assert "13912345678" not in html


def test_a_dispute_from_a_public_request_carries_the_words_the_applicant_and_contact(
    setup, client, django_capture_on_commit_callbacks
):
    request = _submit(setup, django_capture_on_commit_callbacks, RequestKind.MEDIATION)
    dispute = Dispute.objects.get(pk=request.handoff_id)
    assert "村口路灯坏了一个月了。" in dispute.facts and "139****5678" in dispute.facts
    assert [p.name for p in dispute.parties.all()] == ["刘七"]
    html = _page(client, setup.user(Role.LEADER), reverse("mediation:dispute_detail", args=[dispute.pk]))
    assert "来源网上诉求" in html and reverse("portal:request_detail", args=[request.pk]) in html


def test_a_matter_from_open311_carries_the_category_the_words_and_the_contact(
    setup, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post(
            "/public/open311/v2/requests.json",
            {
                "service_code": "sanitation",
                "description": "河边有人倾倒垃圾，气味很大。",
                "address_id": setup.village.code,
                "last_name": "李",
                "first_name": "四",
                "phone": "13700001111",
            },
        ).json()
    request = PublicRequest.objects.get(code=body[0]["service_request_id"])
    matter = Matter.objects.get(pk=request.handoff_id)
    assert matter.category == "sanitation" and "河边有人倾倒垃圾" in matter.description
    assert matter.raised_by_text == "李四 137****1111" and matter.place == setup.village.name
    html = _page(client, setup.user(Role.GRID_ADMIN), reverse("grid:matter_detail", args=[matter.pk]))
    assert reverse("portal:request_detail", args=[request.pk]) in html


def _petition(world):
    return petition_services.petition_register(
        actor=None,
        area=world.township,
        channel="visit",
        kind="appeal",
        request="要求解决宅基地界址争议",
        facts="两户界桩被移动",
        reasons="影响建房",
        petitioners=[PetitionerInput(name="孙八", address="新红村5组")],
        received_on=D(2024, 5, 6),
    )


def test_a_dispute_from_a_petition_carries_the_petitioners_and_facts_and_links_back(setup, studio, mediator, client):
    petition = _petition(setup)
    dispute = petition_services.petition_to_dispute(
        actor=None,
        petition=petition,
        tier=Tier.GENERAL,
        dispute_type="land_forest",
        body=studio,
        mediators=[mediator],
    )
    assert [(p.name, p.address) for p in dispute.parties.all()] == [("孙八", "新红村5组")]
    assert "两户界桩被移动" in dispute.facts and "影响建房" in dispute.facts
    html = _page(client, setup.user(Role.LEADER), reverse("mediation:dispute_detail", args=[dispute.pk]))
    assert "来源信访事项" in html and reverse("petitions:petition_detail", args=[petition.pk]) in html


def test_a_petition_from_a_dispute_carries_the_parties_and_facts_and_links_back(setup, studio, mediator, client):
    dispute = mediation_services.dispute_create(
        actor=None,
        area=setup.village,
        title="土地承包纠纷",
        facts="承包地边界不清",
        dispute_type="land_forest",
        tier=Tier.SIMPLE,
        source=DisputeSource.WALK_IN,
        parties=[PartyInput(name="周九", address="新红村1组")],
        received_on=D(2024, 5, 6),
    )
    petition = petition_services.petition_from_dispute(actor=None, dispute=dispute, channel="visit")
    assert [(p.name, p.address) for p in petition.petitioners.all()] == [("周九", "新红村1组")]
    assert (petition.request, petition.facts) == ("土地承包纠纷", "承包地边界不清")
    html = _page(client, setup.user(Role.LEADER), reverse("petitions:petition_detail", args=[petition.pk]))
    assert "来源纠纷" in html and reverse("mediation:dispute_detail", args=[dispute.pk]) in html


def test_a_source_moved_out_of_scope_or_deleted_still_opens_the_record_but_shows_nothing_of_the_source(
    setup, studio, mediator, client, django_capture_on_commit_callbacks
):
    matter = _visit_matter(setup)
    dispute = mediation_services.dispute_create_from_matter(
        actor=None, matter=matter, dispute_type="neighbour", body=studio, mediators=[mediator]
    )
    Matter.objects.filter(pk=matter.pk).update(area=setup.foreign_grid, description="外县秘密事项")
    html = _page(client, setup.user(Role.LEADER), reverse("mediation:dispute_detail", args=[dispute.pk]))
    assert UNAVAILABLE in html
    assert matter.number not in html and "外县秘密事项" not in html
    assert reverse("grid:matter_detail", args=[matter.pk]) not in html
    # a mediator without the grid module gets the same answer
    html = _page(client, setup.user(Role.MEDIATOR), reverse("mediation:dispute_detail", args=[dispute.pk]))
    assert UNAVAILABLE in html and matter.number not in html

    request = _submit(setup, django_capture_on_commit_callbacks, RequestKind.MATTER)
    code = request.code
    request.delete()
    html = _page(client, setup.user(Role.GRID_ADMIN), reverse("grid:matter_detail", args=[request.handoff_id]))
    assert UNAVAILABLE in html and code not in html.split("来源网上诉求", 1)[1]
