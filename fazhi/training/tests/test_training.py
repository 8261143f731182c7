import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas import demo as areas_demo
from fazhi.areas.testing import make_user
from fazhi.core.metrics import Period, refresh
from fazhi.training import demo, services
from fazhi.training.models import Attendance, Session
from fazhi.training.selectors import cadre_list, shortfalls, township_shortfalls
from fazhi.training.workbench import training_items

D = datetime.date


@pytest.fixture
def staff(world):
    return world.user(Role.LEGAL_STAFF)


def test_attendance_gives_each_cadre_hours_per_year(world, staff):
    a = services.cadre_create(actor=staff, area=world.township, name="甲")
    b = services.cadre_create(actor=staff, area=world.township, name="乙")
    services.session_create(
        actor=staff,
        area=world.township,
        kind="center_group",
        held_on=D(2023, 3, 1),
        topic="宪法",
        hours=Decimal("2"),
        cadres=[a, b],
    )
    s2 = services.session_create(
        actor=staff, area=world.township, kind="law_training", held_on=D(2023, 6, 1), topic="培训", hours=Decimal("8")
    )
    services.attendance_add(actor=staff, session=s2, cadres=[a])
    services.session_create(
        actor=staff, area=world.township, kind="staff_meeting", held_on=D(2024, 1, 9), topic="x", cadres=[a]
    )
    hours = {c.name: c.year_hours for c in cadre_list(user=staff, year=2023)}
    assert hours == {"甲": Decimal("10.0"), "乙": Decimal("2.0")}
    assert s2.__class__.objects.get(pk=s2.pk).participants == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"participants": -2}, "participants", "参加人次不能为负数。"),
        ({"hours": Decimal("-1")}, "hours", "学时不能为负数。"),
        ({"held_on": None}, "held_on", "日期不能晚于今天。"),
    ],
)
def test_bad_session_input_is_refused_and_nothing_is_saved(world, staff, overrides, field, message):
    if "held_on" in overrides:
        overrides["held_on"] = timezone.localdate() + datetime.timedelta(days=3)
    kwargs = {"actor": staff, "area": world.township, "kind": "seminar", "held_on": D(2023, 4, 1), "topic": "研讨"}
    with pytest.raises(ValidationError) as exc:
        services.session_create(**{**kwargs, **overrides})
    assert exc.value.message_dict[field] == [message]
    assert not Session.objects.exists() and not Attendance.objects.exists()


def test_exam_scores_give_the_pass_rate_and_bad_scores_are_refused(world, staff):
    exam = services.exam_create(actor=staff, area=world.township, held_on=D(2023, 12, 1), title="学法考试")
    cadres = [services.cadre_create(actor=staff, area=world.township, name=n) for n in "甲乙丙"]
    for cadre, score in zip(cadres, [90, 59.5, 60], strict=True):
        services.score_record(actor=staff, exam=exam, cadre=cadre, score=Decimal(str(score)))
    assert sorted(exam.scores.values_list("passed", flat=True)) == [False, True, True]
    with pytest.raises(ValidationError) as exc:
        services.score_record(actor=staff, exam=exam, cadre=cadres[0], score=Decimal("101"))
    assert exc.value.message_dict["score"] == ["成绩须在0至满分（100）之间。"]


def test_a_leader_cannot_record_training(world):
    with pytest.raises(PermissionDenied):
        services.cadre_create(actor=world.user(Role.LEADER), area=world.township, name="甲")


def test_the_workbench_warns_before_year_end_about_unmet_minimums(world, staff):
    officer = services.cadre_create(actor=staff, area=world.township, name="执法甲", is_enforcement_officer=True)
    services.session_create(
        actor=staff,
        area=world.township,
        kind="law_training",
        held_on=D(2023, 5, 1),
        topic="培训",
        hours=Decimal("40"),
        cadres=[officer],
    )
    services.session_create(actor=staff, area=world.township, kind="law_lecture", held_on=D(2023, 5, 2), topic="讲座")
    titles = [s.title for s in shortfalls(area=world.township, year=2023)]
    assert titles == ["治平乡 领导班子法治专题讲座", "治平乡 会前学法", "执法人员执法甲 法律知识培训学时"]
    leader = world.user(Role.LEADER)
    assert training_items(leader, on=D(2023, 3, 1)) == []  # before the warning month
    items = training_items(leader, on=D(2023, 10, 8))
    assert any("执法甲" in i.title and "已完成 40，年度要求 60" in i.title for i in items)
    assert all(i.due == D(2023, 12, 31) for i in items)
    assert training_items(world.user(Role.GRID_MEMBER), on=D(2023, 10, 8)) == []


def test_a_county_supervisor_sees_each_township_s_shortfalls_in_a_fixed_number_of_queries(
    world, staff, django_assert_num_queries
):
    """One read for the sessions and one for the officers, however many townships the county has."""
    other_staff = make_user("u_other_staff", role=Role.LEGAL_STAFF, area=world.other_township)
    for actor, area, hours in ((staff, world.township, "40"), (other_staff, world.other_township, "70")):
        officer = services.cadre_create(actor=actor, area=area, name=f"{area.name}执法员", is_enforcement_officer=True)
        services.session_create(
            actor=actor, area=area, kind="law_training", held_on=D(2023, 5, 1), topic="培训", hours=Decimal(hours),
            cadres=[officer],
        )  # fmt: skip
    services.session_create(actor=staff, area=world.township, kind="law_lecture", held_on=D(2023, 5, 2), topic="讲")
    services.session_create(actor=staff, area=world.township, kind="law_lecture", held_on=D(2024, 5, 2), topic="讲")
    townships, needs = [world.township, world.other_township], services.requirement_values()
    with django_assert_num_queries(2):
        found = township_shortfalls(townships=townships, year=2023, needs=needs)
    # the same as asking each township on its own, in the order of the townships
    assert found == [s for t in townships for s in shortfalls(area=t, year=2023)]
    assert [(s.area.name, s.title, s.have) for s in found] == [
        ("治平乡", "治平乡 领导班子法治专题讲座", Decimal("1")),
        ("治平乡", "治平乡 会前学法", Decimal("0")),
        ("治平乡", "执法人员治平乡执法员 法律知识培训学时", Decimal("40")),
        ("明通镇", "明通镇 领导班子法治专题讲座", Decimal("0")),
        ("明通镇", "明通镇 会前学法", Decimal("0")),
    ]
    supervisor_items = training_items(world.user(Role.SUPERVISOR), on=D(2023, 10, 8))
    assert [i.title.split("：")[0] for i in supervisor_items] == [s.title for s in found]


def test_minimums_are_configurable_parameters_with_a_source(world, staff):
    services.session_create(actor=staff, area=world.township, kind="law_lecture", held_on=D(2023, 5, 2), topic="讲座")
    assert "治平乡 领导班子法治专题讲座" in [s.title for s in shortfalls(area=world.township, year=2023)]
    services.requirement_set(
        actor=world.user(Role.SYS_ADMIN),
        key="leadership_law_lectures",
        value=Decimal("1"),
        source="县委依法治县办2023年通知",
    )
    assert "治平乡 领导班子法治专题讲座" not in [s.title for s in shortfalls(area=world.township, year=2023)]
    with pytest.raises(PermissionDenied):
        services.requirement_set(actor=staff, key="leadership_law_lectures", value=Decimal("0"), source="x")


def test_the_requirement_page_refuses_a_negative_value_in_chinese(world, client):
    client.force_login(world.user(Role.SYS_ADMIN))
    response = client.post(
        reverse("training:requirement_list"), {"key": "enforcement_officer_hours", "value": "-5", "source": "x"}
    )
    assert "数值不能为负数。" in response.content.decode()


def test_demo_study_sessions_for_2023_equal_the_seed_and_are_exactly_its_records(db):
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    demo.load(context)  # idempotent
    township = context["township"]
    metrics = refresh()
    metric = metrics["training.study_sessions"]
    assert metric.value(area=township, period=Period.year(2023)) == 12
    records = metric.evidence(area=township, period=Period.year(2023))
    assert set(records.values_list("kind", flat=True)) == {"center_group", "staff_meeting"}
    assert metrics["training.law_literate_trained"].value(area=township, period=Period.year(2023)) == 24
    assert metrics["training.exam_passes"].value(area=township, period=Period.year(2023)) == 7
    assert metrics["training.exam_takers"].value(area=township, period=Period.year(2023)) == 8
