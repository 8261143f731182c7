import datetime

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.publicity.models import Activity, ActivityMaterial

pytestmark = pytest.mark.usefixtures("dictionaries")


def _post_data(world, **overrides):
    data = {
        "area": world.village.pk,
        "held_on": "2023-05-12",
        "title": "民法典进村",
        "form": "campaign",
        "strand": "popular",
        "themes": ["civil_code"],
        "participants": "40",
        "aud_elderly": "40",
        "m-TOTAL_FORMS": "2",
        "m-INITIAL_FORMS": "0",
        "m-0-kind": "civil_code_handbook",
        "m-0-mode": "handed_out",
        "m-0-quantity": "20",
        "m-0-unit": "本",
        "m-1-kind": "leaflet",
        "m-1-mode": "handed_out",
        "m-1-quantity": "",
        "m-1-unit": "",
    }
    data.update(overrides)
    return data


def test_staff_record_an_activity_with_materials_through_the_page(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("publicity:activity_create"), _post_data(world))
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "publicity:activity_detail", args=[activity.pk]
    )
    assert list(activity.materials.values_list("quantity", "unit")) == [(20, "本")]
    page = client.get(response["Location"]).content.decode()
    assert "民法典手册" in page and "20本" in page


def test_a_material_without_unit_is_refused_on_the_page_and_nothing_is_saved(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("publicity:activity_create"), _post_data(world, **{"m-1-quantity": "300", "m-1-unit": ""})
    )
    assert response.status_code == 200
    assert "请填写资料的单位（如本、份、幅、张）。" in response.content.decode()
    assert not Activity.objects.exists() and not ActivityMaterial.objects.exists()


def test_a_negative_count_is_refused_on_the_page(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("publicity:activity_create"), _post_data(world, participants="-3"))
    assert "参与人次不能为负数。" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_reach_page_names_the_unreached_groups(world, client):
    client.force_login(world.user(Role.LEADER))
    response = client.get(reverse("publicity:reach"), {"area": world.township.pk, "year": 2023})
    page = response.content.decode()
    assert response.status_code == 200
    assert "外出务工人员" in page and "未覆盖" in page and "新红村" in page


def test_a_village_cadre_reads_the_township_plan_but_cannot_add_items(world, client):
    from fazhi.publicity.models import Plan

    plan = Plan.objects.create(area=world.township, year=2023, title="2023年度普法计划")
    client.force_login(world.user(Role.VILLAGE_CADRE))
    assert client.get(reverse("publicity:plan_detail", args=[plan.pk])).status_code == 200
    response = client.post(reverse("publicity:plan_detail", args=[plan.pk]), {"title": "x"})
    assert response.status_code == 403
    assert not plan.items.exists()


def test_the_activity_list_runs_a_fixed_number_of_queries(world, client, django_assert_num_queries):
    from fazhi.publicity import services
    from fazhi.publicity.services import MaterialInput

    def add(n):
        for i in range(n):
            services.activity_create(
                actor=None,
                area=world.village,
                held_on=datetime.date(2023, 5, 1 + i),
                title=f"活动{i}",
                form="lecture",
                themes=["civil_code", "family"],
                audiences={"elderly": 3},
                materials=[MaterialInput(kind="leaflet", quantity=5, unit="份")],
            )

    client.force_login(world.user(Role.LEGAL_STAFF))
    add(1)
    client.get(reverse("publicity:activity_list"))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("publicity:activity_list"))
    add(5)
    with django_assert_num_queries(len(one)):
        response = client.get(reverse("publicity:activity_list"))
    assert response.content.decode().count("活动") >= 6
