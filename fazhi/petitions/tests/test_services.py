"""The 信访工作条例 clock: natural days (a period ending on a holiday moves to the next working day), the 5-working-
day objection, the single 30-day extension, 复查 and 复核."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.petitions import services
from fazhi.petitions.choices import Channel, Status
from fazhi.petitions.models import Petition
from fazhi.petitions.services import PetitionerInput

from .conftest import make_petition

D = datetime.date


def test_the_15_day_notice_ending_in_the_national_day_holiday_moves_to_the_make_up_workday(world, calendar):
    petition = make_petition(world, received_on=D(2023, 9, 20))
    # 9-20 + 15 natural days = 10-05, inside 国庆 (9-29 … 10-06); next working day is Saturday 10-07 (调休上班).
    assert petition.notice_deadline.due_date == D(2023, 10, 7)
    assert petition.notice_deadline.rule.source == "《信访工作条例》第二十三条"
    assert petition.due_date == D(2023, 10, 7) and petition.number.startswith("XF2023-")


def test_the_5_working_day_objection_skips_the_spring_festival(world, calendar):
    petition = make_petition(world, received_on=D(2024, 2, 7), transferred_in=True)
    # working days after Wed 2-7: Thu 2-8, Fri 2-9, then 春节 2-10 … 2-17, Sun 2-18 (调休), Mon 2-19, Tue 2-20
    assert petition.objection_deadline.due_date == D(2024, 2, 20)
    with pytest.raises(ValidationError, match="已超过提出异议的期限"):
        services.petition_object(actor=None, petition=petition, reason="不属本机关职权", on=D(2024, 2, 21))
    petition = services.petition_object(actor=None, petition=petition, reason="不属本机关职权", on=D(2024, 2, 20))
    assert petition.status == Status.OBJECTED


def test_60_days_of_handling_ending_in_the_spring_festival_and_one_30_day_extension(world, calendar):
    leader = world.user(Role.LEADER)
    petition = make_petition(world, received_on=D(2023, 12, 10))
    petition = services.petition_accept(actor=None, petition=petition, on=D(2023, 12, 12))
    # 12-12 + 60 natural days = 2024-02-10 (春节); the next working day is Sunday 2-18 (调休上班).
    assert petition.handling_deadline.due_date == D(2024, 2, 18)
    assert petition.notified_on == D(2023, 12, 12)

    with pytest.raises(ValidationError) as exc:
        services.petition_extend(
            actor=None, petition=petition, days=31, reason="", approved_by=None, notified_on=None, on=D(2024, 2, 1)
        )
    errors = exc.value.message_dict
    assert errors["days"] == ["延长期限不得超过30日（《信访工作条例》第三十四条）。"]
    assert errors["reason"] == ["延长须写明理由，并告知信访人。"]
    assert errors["approved_by"] == ["延长须经本机关负责人批准。"]
    with pytest.raises(ValidationError) as exc:
        services.petition_extend(
            actor=None,
            petition=petition,
            days=30,
            reason="需要调查",
            approved_by=world.user(Role.LEGAL_STAFF),
            notified_on=D(2024, 2, 1),
        )
    assert exc.value.message_dict["approved_by"] == ["批准人须为本乡镇负责人。"]
    petition.refresh_from_db()
    assert petition.extension_days is None and petition.due_date == D(2024, 2, 18)

    petition = services.petition_extend(
        actor=None,
        petition=petition,
        days=30,
        reason="需要会同县自然资源局核实",
        approved_by=leader,
        notified_on=D(2024, 2, 1),
        on=D(2024, 2, 1),
    )
    assert petition.due_date == D(2024, 3, 19)  # 2-18 + 30 natural days, a Tuesday
    with pytest.raises(ValidationError) as exc:
        services.petition_extend(
            actor=None, petition=petition, days=5, reason="再延", approved_by=leader, notified_on=D(2024, 3, 1)
        )
    assert exc.value.messages == ["该信访事项已延长过一次办结期限，不得再次延长（《信访工作条例》第三十四条）。"]
    petition.refresh_from_db()
    assert petition.due_date == D(2024, 3, 19)


def test_review_and_recheck_windows_and_the_terminal_state(world, calendar):
    petition = make_petition(world, received_on=D(2023, 8, 1))
    services.petition_accept(actor=None, petition=petition, on=D(2023, 8, 2))
    with pytest.raises(ValidationError) as exc:
        services.petition_reply(actor=None, petition=petition, decision="maybe", decision_facts="", decision_basis="")
    assert set(exc.value.message_dict) == {"decision", "decision_facts", "decision_basis"}
    petition = services.petition_reply(
        actor=None,
        petition=petition,
        on=D(2023, 9, 1),
        decision="explain",
        decision_facts="已核实",
        decision_basis="某条例",
    )
    assert petition.closed_on_time is True
    # 9-01 + 30 = 10-01 (国庆) → 10-07
    assert petition.review_request_due == D(2023, 10, 7)
    with pytest.raises(ValidationError, match="已超过申请复查期限"):
        services.petition_request_review(actor=None, petition=petition, on=D(2023, 10, 8), organ="城口县信访办")
    petition = services.petition_request_review(actor=None, petition=petition, on=D(2023, 10, 7), organ="城口县信访办")
    assert petition.review_deadline.due_date == D(2023, 11, 6)  # 10-07 + 30 = Mon 11-06
    petition = services.petition_review_decide(actor=None, petition=petition, decision="reject", on=D(2023, 11, 1))
    assert petition.recheck_request_due == D(2023, 12, 1)
    petition = services.petition_request_recheck(
        actor=None, petition=petition, on=D(2023, 11, 20), organ="重庆市信访办"
    )
    assert petition.recheck_deadline.due_date == D(2023, 12, 20)
    petition = services.petition_recheck_decide(actor=None, petition=petition, decision="reject", on=D(2023, 12, 15))
    assert petition.status == Status.FINAL

    # The same petitioner with the same matter again: registered (every item is recorded) but not accepted.
    again = make_petition(world, received_on=D(2024, 1, 8))
    assert again.duplicate_of == petition
    with pytest.raises(ValidationError, match="不再受理"):
        services.petition_accept(actor=None, petition=again, on=D(2024, 1, 9))
    again.refresh_from_db()
    assert again.status == Status.REGISTERED and again.handling_deadline is None


def test_a_duplicate_of_an_accepted_petition_is_detected_and_not_accepted_twice(world, calendar):
    first = make_petition(world, names=("张三", "李四"))
    services.petition_accept(actor=None, petition=first, on=D(2023, 9, 21))
    second = make_petition(world, names=("李四",), received_on=D(2023, 9, 25), area=world.grid)
    assert second.duplicate_of == first
    with pytest.raises(ValidationError, match="同一信访事项已受理"):
        services.petition_accept(actor=None, petition=second, on=D(2023, 9, 26))
    # the officer finds it is another matter
    services.petition_accept(actor=None, petition=second, on=D(2023, 9, 26), not_duplicate=True)
    second.refresh_from_db()
    assert second.status == Status.ACCEPTED and second.duplicate_of is None


def test_a_group_visit_may_have_at_most_5_representatives(world, calendar):
    names = [PetitionerInput(name=f"村民{i}", is_representative=True) for i in range(6)]
    with pytest.raises(ValidationError) as exc:
        services.petition_register(
            actor=None, area=world.village, channel="visit", kind="appeal", request="集体诉求", petitioners=names
        )
    assert "代表人数不超过5人" in exc.value.message_dict["petitioners"][0]
    assert not Petition.objects.exists()


def test_an_accusation_needs_the_accused(world, calendar):
    with pytest.raises(ValidationError) as exc:
        make_petition(world, kind="accusation", request="举报")
    assert exc.value.message_dict["accused_name"] == ["检举控告类信访须填写被检举控告的人或单位。"]


def test_a_petition_converts_to_a_dispute_and_back_linked_both_ways(world, calendar):
    from fazhi.mediation import services as mediation

    studio = mediation.body_create(actor=None, area=world.township, name="工作室", kind="studio")
    m = mediation.mediator_create(actor=None, area=world.township, name="黄", kind="worthy", body=studio)
    petition = make_petition(world, facts="邻居占用宅基地")
    dispute = services.petition_to_dispute(
        actor=world.user(Role.LEGAL_STAFF),
        petition=petition,
        tier="general",
        dispute_type="neighbour",
        body=studio,
        mediators=[m],
    )
    petition.refresh_from_db()
    assert petition.dispute == dispute and list(dispute.petitions.all()) == [petition]
    assert dispute.source == "petition" and [p.name for p in dispute.parties.all()] == ["张三"]
    with pytest.raises(ValidationError, match="已转为矛盾纠纷"):
        services.petition_to_dispute(actor=None, petition=petition, tier="general", dispute_type="neighbour")

    other = mediation.dispute_create(
        actor=None,
        area=world.village,
        title="劳务费",
        dispute_type="wages",
        tier="simple",
        source="walk_in",
        parties=[mediation.PartyInput(name="王五")],
    )
    back = services.petition_from_dispute(actor=None, dispute=other, channel="visit", received_on=D(2023, 10, 9))
    assert back.dispute == other and back.petitioner_names == "王五"


def test_key_petitioner_status_history_and_visits(world, calendar):
    kp = services.key_petitioner_create(
        actor=None, area=world.village, name="冉某", since=D(2021, 1, 1), responsible_leader=world.user(Role.LEADER)
    )
    with pytest.raises(ValidationError) as exc:
        services.key_petitioner_set_status(actor=None, key_petitioner=kp, status="settled", on=D(2020, 1, 1))
    assert "日期不能早于上一状态日期" in exc.value.message_dict["on"][0]
    services.key_petitioner_set_status(actor=None, key_petitioner=kp, status="stabilising", on=D(2023, 4, 1))
    services.key_petitioner_visit(
        actor=None, key_petitioner=kp, visited_on=D(2023, 5, 1), visitors="王乡长", notes="释法"
    )
    services.key_petitioner_set_status(actor=None, key_petitioner=kp, status="settled", on=D(2023, 9, 1))
    kp.refresh_from_db()
    assert (kp.status, kp.status_since) == ("settled", D(2023, 9, 1))
    assert list(kp.status_changes.values_list("status", flat=True)) == ["petitioning", "stabilising", "settled"]
    with pytest.raises(ValidationError) as exc:
        services.key_petitioner_create(
            actor=None, area=world.village, name="某", since=D(2023, 1, 1), responsible_leader=make_user("x")
        )
    assert exc.value.message_dict["responsible_leader"] == ["包案领导须为本乡镇领导。"]


def test_a_petition_by_the_12345_hotline_keeps_its_channel_and_an_unknown_channel_is_refused(world, calendar):
    with pytest.raises(ValidationError) as exc:
        make_petition(world, channel="pigeon")
    assert exc.value.message_dict["channel"] == ["请选择信访形式。"]
    assert not Petition.objects.exists()
    petition = make_petition(world, channel=Channel.HOTLINE)
    assert petition.get_channel_display() == "12345热线"
