import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas import demo as areas_demo
from fazhi.core.metrics import Period, refresh
from fazhi.counsel import demo, services
from fazhi.counsel.choices import AdviserLevel, OpinionKind
from fazhi.counsel.models import Adviser, Consultation, DutyDay, Opinion

D = datetime.date


@pytest.fixture
def adviser(world):
    return services.adviser_create(
        actor=world.user(Role.LEGAL_STAFF),
        area=world.township,
        name="周律师",
        firm="某律所",
        contract_from=D(2023, 1, 1),
        contract_to=D(2023, 12, 31),
    )


def test_duty_days_and_opinions_must_fall_in_the_contract(world, adviser):
    staff = world.user(Role.LEGAL_STAFF)
    services.duty_day_add(actor=staff, adviser=adviser, on=D(2023, 5, 5))
    with pytest.raises(ValidationError) as exc:
        services.duty_day_add(actor=staff, adviser=adviser, on=D(2024, 1, 5))
    assert exc.value.message_dict["on"] == ["日期不在该顾问的聘期内。"]
    with pytest.raises(ValidationError) as exc:
        services.duty_day_add(actor=staff, adviser=adviser, on=D(2023, 5, 5))
    assert exc.value.message_dict["on"] == ["该日已登记坐班。"]
    assert DutyDay.objects.count() == 1


def test_a_contract_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.adviser_create(
            actor=world.user(Role.LEGAL_STAFF),
            area=world.township,
            name="x",
            contract_from=D(2023, 5, 1),
            contract_to=D(2023, 1, 1),
        )
    assert exc.value.message_dict["contract_to"] == ["聘期止不能早于聘期起。"]
    assert not Adviser.objects.exists()


def test_an_advisers_level_defaults_to_the_level_of_their_area(world, adviser):
    staff = world.user(Role.LEGAL_STAFF)
    village = services.adviser_create(
        actor=staff, area=world.village, name="村顾问", contract_from=D(2023, 1, 1), contract_to=D(2023, 12, 31)
    )
    kept = services.adviser_create(
        actor=staff,
        area=world.township,
        name="驻村顾问",
        level=AdviserLevel.VILLAGE,
        contract_from=D(2023, 1, 1),
        contract_to=D(2023, 12, 31),
    )
    assert (adviser.level, village.level, kept.level) == ("township", "village", "village")
    assert kept.get_level_display() == "村（社区）法律顾问"


@pytest.mark.parametrize(
    ("level", "message"),
    [
        (AdviserLevel.TOWNSHIP, "顾问层级不能高于所属区划：新红村登记的顾问不能是乡镇（街道）法律顾问。"),
        ("bogus", "请选择顾问层级。"),
    ],
)
def test_a_village_cannot_register_the_townships_adviser_nor_an_unknown_level(world, level, message):
    with pytest.raises(ValidationError) as exc:
        services.adviser_create(
            actor=world.user(Role.LEGAL_STAFF),
            area=world.village,
            name="x",
            level=level,
            contract_from=D(2023, 1, 1),
            contract_to=D(2023, 12, 31),
        )
    assert exc.value.message_dict == {"level": [message]}
    assert not Adviser.objects.exists()


def test_a_petition_or_dispute_opinion_is_kept_with_its_kind_and_an_unknown_kind_is_refused(world, adviser):
    staff = world.user(Role.LEGAL_STAFF)
    with pytest.raises(ValidationError) as exc:
        services.opinion_add(actor=staff, adviser=adviser, issued_on=D(2023, 5, 5), kind="bogus", subject="x")
    assert list(exc.value.message_dict) == ["kind"]
    opinion = services.opinion_add(
        actor=staff, adviser=adviser, issued_on=D(2023, 5, 5), kind=OpinionKind.PETITION_DISPUTE, subject="林权纠纷"
    )
    assert opinion.get_kind_display() == "信访、纠纷法律意见"
    assert Opinion.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [({"headcount": 0}, "headcount", "人次至少为1。"), ({"future": True}, "received_on", "日期不能晚于今天。")],
)
def test_bad_consultations_are_refused(world, overrides, field, message):
    received_on = timezone.localdate() + datetime.timedelta(days=1) if overrides.pop("future", False) else D(2023, 1, 2)
    with pytest.raises(ValidationError) as exc:
        services.consultation_create(
            actor=world.user(Role.LEGAL_STAFF), area=world.village, received_on=received_on, topic="借贷", **overrides
        )
    assert exc.value.message_dict[field] == [message]
    assert not Consultation.objects.exists()


def test_a_leader_cannot_record_consultations(world):
    with pytest.raises(PermissionDenied):
        services.consultation_create(
            actor=world.user(Role.LEADER), area=world.village, received_on=D(2023, 1, 2), topic="借贷"
        )


def test_consultation_names_are_masked_on_the_page(world, client):
    services.consultation_create(
        actor=world.user(Role.LEGAL_STAFF),
        area=world.village,
        received_on=D(2023, 1, 2),
        topic="借贷",
        person="张小三",
    )
    client.force_login(world.user(Role.LEADER))
    page = client.get(reverse("counsel:home"), {"year": 2023}).content.decode()
    assert "张*三" in page and "张小三" not in page


def test_demo_figures_count_their_records(db):
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    demo.load(context)
    township, year = context["township"], Period.year(2023)
    metrics = refresh()
    assert metrics["counsel.duty_days"].value(area=township, period=year) == 12
    assert metrics["counsel.opinions"].value(area=township, period=year) == 3
    assert metrics["counsel.consultations"].value(area=township, period=year) == 5
    assert metrics["counsel.consultation_people"].value(area=township, period=year) == 12
    assert metrics["counsel.referred_to_mediation"].value(area=township, period=year) == 3
    assert metrics["counsel.advisers"].value(area=township, period=year) == 2
    levels = sorted(Adviser.objects.filter(area=township).values_list("name", "level"))
    assert levels == [("吴律师", "village"), ("周律师", "township")]
    assert Opinion.objects.filter(kind=OpinionKind.PETITION_DISPUTE).count() == 1


def test_consultation_refuses_another_areas_adviser(world, adviser):
    foreign = services.adviser_create(
        actor=None, area=world.other_township, name="外乡律师", contract_from=D(2023, 1, 1), contract_to=D(2023, 12, 31)
    )
    staff = world.user(Role.LEGAL_STAFF)
    with pytest.raises(ValidationError) as exc:
        services.consultation_create(
            actor=staff, area=world.village, received_on=D(2023, 1, 2), topic="借贷", adviser=foreign
        )
    assert exc.value.message_dict["adviser"] == ["所选顾问不存在。"]
    row = services.consultation_create(
        actor=staff, area=world.village, received_on=D(2023, 1, 2), topic="借贷", adviser=adviser
    )
    assert row.adviser == adviser
