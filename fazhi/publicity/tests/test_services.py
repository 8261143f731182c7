import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.publicity import services
from fazhi.publicity.models import Activity, ActivityAudience, ActivityMaterial, ActivityTheme, Plan
from fazhi.publicity.services import MaterialInput

pytestmark = pytest.mark.usefixtures("dictionaries")
D = datetime.date


def _create(world, actor=None, **overrides):
    kwargs = {
        "actor": actor or world.user(Role.LEGAL_STAFF),
        "area": world.village,
        "held_on": D(2023, 5, 12),
        "title": "民法典宣传",
        "form": "campaign",
        "themes": ["civil_code"],
        "audiences": {"elderly": 40, "students": 12},
        "participants": 52,
        "materials": [MaterialInput(kind="civil_code_handbook", quantity=20, unit="本")],
    }
    kwargs.update(overrides)
    return services.activity_create(**kwargs)


def _nothing_saved():
    return not (
        Activity.objects.exists()
        or ActivityTheme.objects.exists()
        or ActivityAudience.objects.exists()
        or ActivityMaterial.objects.exists()
    )


def test_activity_is_saved_with_its_themes_audiences_and_materials(world):
    activity = _create(world)
    assert [t.theme for t in activity.themes.all()] == ["civil_code"]
    assert dict(activity.audiences.values_list("audience", "reached")) == {"elderly": 40, "students": 12}
    material = activity.materials.get()
    assert (material.kind, material.quantity, material.unit) == ("civil_code_handbook", 20, "本")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"participants": -1}, "participants", "参与人次不能为负数。"),
        ({"audiences": {"elderly": -5}}, "audiences", "覆盖人数不能为负数。"),
        ({"materials": [MaterialInput(kind="leaflet", quantity=-3, unit="份")]}, "materials", "资料数量不能为负数。"),
        (
            {"materials": [MaterialInput(kind="leaflet", quantity=30, unit="")]},
            "materials",
            "请填写资料的单位（如本、份、幅、张）。",
        ),
        (
            {"materials": [MaterialInput(kind="leaflet", quantity=30, unit="  ")]},
            "materials",
            "请填写资料的单位（如本、份、幅、张）。",
        ),
        ({"form": "dance"}, "form", "请选择有效的活动形式。"),
        ({"area_is_grid": True}, "area", "普法活动登记在乡镇（全乡性活动）或村（社区）。"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message_and_nothing_is_saved(world, overrides, field, message):
    if overrides.pop("area_is_grid", False):
        overrides["area"] = world.grid
    with pytest.raises(ValidationError) as exc:
        _create(world, **overrides)
    assert message in exc.value.message_dict[field]
    assert _nothing_saved()


def test_an_activity_dated_after_today_is_refused(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _create(world, held_on=tomorrow)
    assert exc.value.message_dict["held_on"] == ["活动日期不能晚于今天；计划中的活动请列入年度普法计划。"]
    assert _nothing_saved()


def test_one_bad_material_among_good_ones_saves_nothing(world):
    materials = [
        MaterialInput(kind="civil_code_handbook", quantity=20, unit="本"),
        MaterialInput(kind="leaflet", quantity=50, unit=""),
    ]
    with pytest.raises(ValidationError):
        _create(world, materials=materials)
    assert _nothing_saved()


def test_a_village_cadre_records_activities_for_their_own_village_only(world):
    cadre = world.user(Role.VILLAGE_CADRE)
    activity = _create(world, actor=cadre)
    assert activity.area == world.village
    with pytest.raises(PermissionDenied):
        _create(world, actor=cadre, area=world.township, title="全乡活动")
    with pytest.raises(PermissionDenied):
        _create(world, actor=cadre, area=world.other_township, title="外乡活动")
    assert Activity.objects.count() == 1


def test_a_grid_member_cannot_record_publicity_activities(world):
    with pytest.raises(PermissionDenied):
        _create(world, actor=world.user(Role.GRID_MEMBER))
    assert _nothing_saved()


def test_plan_item_progress_comes_from_the_activities_that_fulfil_it(world):
    actor = world.user(Role.LEGAL_STAFF)
    plan = services.plan_create(actor=actor, area=world.township, year=2023, title="2023年度普法计划")
    item = services.plan_item_add(
        actor=actor,
        plan=plan,
        title="民法典进村",
        audience="elderly",
        due_by=D(2023, 5, 31),
        responsible="司法所",
        target_count=2,
    )
    _create(world, plan_item=item)
    from fazhi.publicity.selectors import plan_items

    assert [(i.pk, i.done_count) for i in plan_items(plan=plan)] == [(item.pk, 1)]


def test_a_plan_item_outside_the_plan_year_is_refused(world):
    actor = world.user(Role.LEGAL_STAFF)
    plan = services.plan_create(actor=actor, area=world.township, year=2023, title="2023年度普法计划")
    with pytest.raises(ValidationError) as exc:
        services.plan_item_add(
            actor=actor, plan=plan, title="x", audience="elderly", due_by=D(2024, 1, 5), responsible="司法所"
        )
    assert exc.value.message_dict["due_by"] == ["计划事项的时间须在计划年度内。"]


def test_a_second_plan_for_the_same_year_is_refused(world):
    actor = world.user(Role.LEGAL_STAFF)
    services.plan_create(actor=actor, area=world.township, year=2023, title="计划")
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=actor, area=world.township, year=2023, title="计划二")
    assert "该乡镇本年度已有普法计划。" in exc.value.messages
    assert Plan.objects.count() == 1


def test_a_series_episode_needs_its_number_and_a_negative_view_count_is_refused(world):
    actor = world.user(Role.LEGAL_STAFF)
    account = services.account_create(actor=actor, area=world.township, name="孝善治平", platform="video")
    series = services.series_create(actor=actor, account=account, title="小米书记话振兴")
    with pytest.raises(ValidationError) as exc:
        services.post_create(
            actor=actor,
            account=account,
            published_on=D(2023, 3, 1),
            title="第1期",
            topic="revitalization",
            series=series,
            views=-1,
        )
    assert exc.value.message_dict == {"views": ["浏览量不能为负数。"], "episode_no": ["系列节目须填写期数。"]}
