"""Quick entry of 普法 activities: 保存并继续添加, 复制 and a series of dated activities (issue 23)."""

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.publicity.models import Activity

pytestmark = pytest.mark.usefixtures("dictionaries")


@pytest.fixture
def staff(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    return world.user(Role.LEGAL_STAFF)


def _data(world, **overrides):
    data = {
        "area": world.village.pk,
        "held_on": "2023-05-12",
        "title": "民法典进村",
        "place": "村委会",
        "form": "campaign",
        "strand": "popular",
        "themes": ["civil_code"],
        "participants": "40",
        "aud_elderly": "40",
        "m-TOTAL_FORMS": "0",
        "m-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_save_and_add_another_keeps_area_date_form_and_themes(world, staff, client):
    response = client.post(reverse("publicity:activity_create"), _data(world, _add_another="1"), follow=True)
    assert Activity.objects.count() == 1
    assert "已登记普法活动“民法典进村”（2023-05-12）。请继续添加下一条。" in response.content.decode()
    form = response.context["form"]
    assert str(form["area"].value()) == str(world.village.pk)
    assert form["held_on"].value() == "2023-05-12"
    assert form["themes"].value() == ["civil_code"]
    assert form["form"].value() == "campaign"
    assert form["title"].value() in (None, "")


def test_copy_prefills_an_activity_with_its_themes_and_audiences(world, staff, client):
    client.post(reverse("publicity:activity_create"), _data(world))
    activity = Activity.objects.get()
    detail = client.get(reverse("publicity:activity_detail", args=[activity.pk])).content.decode()
    assert 'data-testid="copy"' in detail
    form = client.get(reverse("publicity:activity_create"), {"copy": activity.pk}).context["form"]
    assert form["title"].value() == "民法典进村"
    assert form["themes"].value() == ["civil_code"]
    assert str(form["aud_elderly"].value()) == "40"
    assert form["held_on"].value() != activity.held_on


def test_a_series_of_activities_is_all_or_nothing(world, staff, client):
    data = _data(world, dates="2023-01-10\n2023-02-10\n2023-03-10")
    del data["held_on"]
    client.post(reverse("publicity:activity_series"), data)
    assert sorted(a.held_on.month for a in Activity.objects.all()) == [1, 2, 3]
    assert {a.themes.get().theme for a in Activity.objects.all()} == {"civil_code"}

    data["dates"] = "2023-04-10\n2023-13-10"
    response = client.post(reverse("publicity:activity_series"), data)
    assert "第2行“2023-13-10”不是有效日期" in response.content.decode()
    assert Activity.objects.count() == 3
