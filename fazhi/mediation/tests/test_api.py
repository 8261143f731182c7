import datetime

from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.mediation import services
from fazhi.mediation.models import Dispute, Session

from .conftest import make_dispute

D = datetime.date


def test_the_api_lists_only_what_a_mediator_may_see(client, world, studio, mediator):
    other = services.mediator_create(actor=None, area=world.township, name="别人", kind="worthy")
    mine = make_dispute(world, title="我的", body=studio, mediators=[mediator])
    make_dispute(world, title="别人的", tier="simple", mediators=[other])
    client.force_login(world.user(Role.MEDIATOR))
    rows = client.get(reverse("api:mediation-dispute-list")).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [r["id"] for r in rows] == [mine.pk]


def test_the_api_registers_a_dispute_through_the_service_and_reports_errors_in_chinese(client, world, studio, mediator):
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("api:mediation-dispute-list")
    payload = {
        "area": world.village.pk,
        "title": "劳务费纠纷",
        "dispute_type": "wages",
        "tier": "general",
        "source": "walk_in",
        "received_on": "2023-07-03",
        "parties": [{"name": "王五"}, {"name": "赵六", "role": "respondent"}],
        "body": studio.pk,
    }
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400 and response.json()["mediators"] == ["一般纠纷须指定调解员。"]
    assert not Dispute.objects.exists()
    response = client.post(url, {**payload, "mediators": [mediator.pk]}, content_type="application/json")
    assert response.status_code == 201 and response.json()["due_date"] == "2023-08-02"
    dispute = Dispute.objects.get()
    response = client.post(
        reverse("api:mediation-session-list"),
        {"dispute": dispute.pk, "held_on": "2023-07-05", "place": "工作室", "notes": "调解"},
        content_type="application/json",
    )
    assert response.status_code == 201 and Session.objects.get().mediators.get() == mediator


def test_the_supervisor_reads_but_cannot_write_through_the_api(client, world, studio, mediator):
    client.force_login(world.user(Role.SUPERVISOR))
    assert client.get(reverse("api:mediation-dispute-list")).status_code == 200
    response = client.post(reverse("api:mediation-dispute-list"), {}, content_type="application/json")
    assert response.status_code == 403
