import datetime

from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.petitions.models import Petition

from .conftest import make_petition

D = datetime.date


def test_registering_a_petition_through_the_page_starts_the_clock(client, world, calendar):
    client.force_login(world.user(Role.GRID_ADMIN))
    response = client.post(
        reverse("petitions:petition_create"),
        {
            "area": world.village.pk,
            "channel": "visit",
            "kind": "appeal",
            "received_on": "2023-09-20",
            "petitioners": "张三*\n李四",
            "request": "要求修复水渠",
        },
    )
    petition = Petition.objects.get(request="要求修复水渠")
    assert response.status_code == 302
    assert [(p.name, p.is_representative) for p in petition.petitioners.all()] == [("张三", True), ("李四", False)]
    page = client.get(response["Location"]).content.decode()
    assert "2023年10月7日" in page and "《信访工作条例》第二十三条" in page


def test_a_second_extension_is_refused_on_the_page_with_the_article(client, world, calendar):
    from fazhi.petitions import services

    leader = world.user(Role.LEADER)
    petition = make_petition(world)
    services.petition_accept(actor=None, petition=petition, on=D(2023, 9, 21))
    services.petition_extend(
        actor=None, petition=petition, days=10, reason="核实", approved_by=leader, notified_on=D(2023, 11, 1)
    )
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("petitions:petition_action", args=[petition.pk, "extend"]),
        {
            "extend-days": "5",
            "extend-reason": "再延",
            "extend-approved_by": leader.pk,
            "extend-notified_on": "2023-11-20",
            "version": Petition.objects.get(pk=petition.pk).version,
        },
    )
    assert response.status_code == 200
    assert "不得再次延长（《信访工作条例》第三十四条）" in response.content.decode()
    petition.refresh_from_db()
    assert petition.extension_days == 10


def test_too_many_representatives_on_the_page_saves_nothing(client, world, calendar):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("petitions:petition_create"),
        {
            "area": world.village.pk,
            "channel": "visit",
            "kind": "appeal",
            "received_on": "2023-09-20",
            "petitioners": "\n".join(f"村民{i}*" for i in range(6)),
            "request": "集体诉求",
        },
    )
    assert response.status_code == 200 and "代表人数不超过5人" in response.content.decode()
    assert not Petition.objects.exists()


def test_the_petition_list_query_count_does_not_grow_with_the_rows(
    client, world, calendar, django_assert_max_num_queries
):
    for i in range(3):
        make_petition(world, request=f"诉求{i}", names=(f"甲{i}",))
    client.force_login(world.user(Role.LEGAL_STAFF))
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("petitions:petition_list")).status_code == 200
    for i in range(3, 13):
        make_petition(world, request=f"诉求{i}", names=(f"甲{i}",))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("petitions:petition_list"))
    assert "甲12" in response.content.decode()
