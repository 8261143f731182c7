import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.publicity import services
from fazhi.publicity.models import Activity, ActivityAudience, ActivityMaterial, ActivityTheme, MediaPost

pytestmark = pytest.mark.usefixtures("dictionaries")
ACTIVITIES = "/api/v1/publicity/activities/"
POSTS = "/api/v1/publicity/posts/"


@pytest.fixture
def writer(world):
    return staff_at(world.other_township)


@pytest.fixture
def village(world):
    return make_area(world.other_township, Level.VILLAGE, "东安村", "500229104201")


def _activity(area, **overrides):
    return {
        "area": area.pk,
        "held_on": "2026-05-12",
        "title": "民法典进村",
        "form": "campaign",
        "themes": ["civil_code"],
        "audiences": [{"audience": "elderly", "reached": 40}, {"audience": "students", "reached": 12}],
        "participants": 52,
        "materials": [{"kind": "civil_code_handbook", "quantity": 20, "unit": "本"}],
        **overrides,
    }


def _nothing_saved() -> bool:
    return not any(m.objects.exists() for m in (Activity, ActivityTheme, ActivityAudience, ActivityMaterial))


def test_an_activity_is_recorded_with_its_themes_audiences_and_materials(client, writer, village):
    response = post_as(client, writer, ACTIVITIES, _activity(village))
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert response.json()["themes"] == ["civil_code"] and response.json()["area_name"] == "东安村"
    assert dict(activity.audiences.values_list("audience", "reached")) == {"elderly": 40, "students": 12}
    assert activity.materials.get().quantity == 20
    assert audited_creation(activity, writer)


def test_a_role_without_publicity_rights_is_refused(client, world, village):
    response = post_as(client, world.user(Role.GRID_MEMBER), ACTIVITIES, _activity(world.village))
    assert response.status_code == 403 and _nothing_saved()


def test_a_village_cadre_reaches_only_their_own_village(client, world, village):
    cadre = world.user(Role.VILLAGE_CADRE)
    assert post_as(client, cadre, ACTIVITIES, _activity(village)).status_code == 403
    assert post_as(client, cadre, ACTIVITIES, _activity(world.village)).status_code == 201


def test_bad_input_answers_field_messages_in_chinese_and_writes_nothing(client, writer, village):
    response = post_as(client, writer, ACTIVITIES, {"area": village.pk, "participants": -1, "strand": "x"})
    assert_field_errors_in_chinese(response, {"held_on", "title", "form", "participants", "strand"})
    # Codes outside the 数据字典 pass the serializer's shape check and are refused by the service, as on the page.
    bad_codes = _activity(village, form="party", themes=["no_such_law"], materials=[{"kind": "x", "quantity": 1,
                          "unit": "本"}])  # fmt: skip
    assert_field_errors_in_chinese(post_as(client, writer, ACTIVITIES, bad_codes), {"form", "themes", "materials"})
    assert _nothing_saved()


def test_a_media_post_goes_on_an_account_the_caller_may_see(client, world, writer):
    account = services.account_create(actor=writer, area=world.other_township, name="明通普法", platform="wechat")
    elsewhere = services.account_create(actor=None, area=world.township, name="别乡普法", platform="wechat")
    post = {"account": account.pk, "published_on": "2026-03-01", "title": "宪法宣传周", "topic": "constitution"}
    response = post_as(client, writer, POSTS, post)
    assert response.status_code == 201, response.content
    created = MediaPost.objects.get(pk=response.json()["id"])
    assert created.area == world.other_township and audited_creation(created, writer)  # area from the account
    assert_field_errors_in_chinese(post_as(client, writer, POSTS, {**post, "account": elsewhere.pk}), {"account"})
    assert_field_errors_in_chinese(post_as(client, writer, POSTS, {**post, "views": -3}), {"views"})
    assert_field_errors_in_chinese(post_as(client, writer, POSTS, {**post, "topic": "x"}), {"topic"})
    assert MediaPost.objects.count() == 1
