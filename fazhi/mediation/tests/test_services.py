import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.accounts.roles import Role
from fazhi.core.models import Deadline, DeadlineEvent
from fazhi.mediation import services
from fazhi.mediation.choices import DisputeStatus, Performance, Tier
from fazhi.mediation.models import Agreement, Dispute, FollowUp, TierChange
from fazhi.mediation.services import AgreementInput, PartyInput

from .conftest import make_dispute

D = datetime.date


def agreement(on=None, **kw):
    on = on or D(2023, 3, 10)
    data = {
        "facts": "双方因通行发生争执。",
        "terms": "张三拆除围栏。\n李四赔偿500元。",
        "performance_method": "当面支付",
        "performance_due": on + datetime.timedelta(days=10),
    }
    data.update(kw)
    return AgreementInput(**data)


def test_a_general_dispute_goes_to_the_studio_with_mediators_and_a_30_day_deadline(world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator], actor=world.user(Role.LEGAL_STAFF))
    assert dispute.number.startswith("TJ2023-")
    assert dispute.deadline.rule.key == "mediation.general_time_limit"
    # 2023-03-01 + 30 natural days = 2023-03-31 (a Friday)
    assert dispute.due_date == D(2023, 3, 31)
    assert [t.to_tier for t in dispute.tier_changes.all()] == [Tier.GENERAL]
    assert dispute.parties.count() == 2


def test_a_general_dispute_without_studio_or_mediators_is_refused_and_nothing_is_saved(world, village_body):
    with pytest.raises(ValidationError) as exc:
        make_dispute(world, body=village_body)
    assert "一般纠纷由乡调委会或调解工作室化解，请选择调解组织。" in exc.value.message_dict["body"]
    assert "一般纠纷须指定调解员。" in exc.value.message_dict["mediators"]
    assert Dispute.objects.count() == 0


def test_a_difficult_dispute_needs_a_township_leader(world, studio, mediator):
    with pytest.raises(ValidationError) as exc:
        make_dispute(world, tier=Tier.DIFFICULT, body=studio)
    assert exc.value.message_dict["leader"] == ["疑难纠纷须指定包案领导。"]
    with pytest.raises(ValidationError) as exc:
        make_dispute(world, tier=Tier.DIFFICULT, body=studio, leader=world.user(Role.LEGAL_STAFF))
    assert exc.value.message_dict["leader"] == ["包案领导须为本乡镇领导。"]
    dispute = make_dispute(world, tier=Tier.DIFFICULT, body=studio, leader=world.user(Role.LEADER))
    assert dispute.deadline.rule.key == "mediation.leader_time_limit"


def test_a_simple_dispute_is_recorded_after_the_fact_in_one_step(world, village_body):
    dispute = services.dispute_record_on_site(
        actor=world.user(Role.VILLAGE_CADRE),
        on=D(2023, 5, 4),
        agreement=agreement(D(2023, 5, 4), form="oral"),
        area=world.village,
        title="鸡啄菜地",
        dispute_type="damages",
        source="proactive",
        parties=[PartyInput(name="王五")],
        body=village_body,
    )
    assert dispute.tier == Tier.SIMPLE and dispute.deadline.rule.key == "mediation.general_time_limit"
    assert Deadline.objects.get(pk=dispute.deadline_id).status == "done"
    assert dispute.status == DisputeStatus.RESOLVED and dispute.closed_on == D(2023, 5, 4)
    assert dispute.agreement.form == "oral"
    assert dispute.follow_ups.get().due_on == D(2023, 6, 5)  # 30 natural days → Sat 6-3 → Mon 6-5


def test_escalation_goes_one_tier_up_with_a_reason_and_keeps_every_level(world, studio, village_body, mediator):
    cadre = world.user(Role.VILLAGE_CADRE)
    dispute = make_dispute(world, tier=Tier.SIMPLE, body=village_body, actor=cadre)
    with pytest.raises(ValidationError) as exc:
        services.dispute_escalate(actor=cadre, dispute=dispute, reason=" ")
    assert exc.value.message_dict["reason"] == ["升级须写明理由。"]
    dispute = services.dispute_escalate(
        actor=cadre, dispute=dispute, reason="村级调解未果", on=D(2023, 3, 5), body=studio, mediators=[mediator]
    )
    assert dispute.tier == Tier.GENERAL and dispute.due_date == D(2023, 4, 4)
    leader = world.user(Role.LEADER)
    dispute = services.dispute_escalate(
        actor=world.user(Role.LEGAL_STAFF), dispute=dispute, reason="涉及多户", on=D(2023, 3, 20), leader=leader
    )
    assert dispute.tier == Tier.DIFFICULT and dispute.leader == leader
    history = list(TierChange.objects.filter(dispute=dispute).values_list("from_tier", "to_tier", "reason"))
    assert history == [
        ("", Tier.SIMPLE, "受理"),
        (Tier.SIMPLE, Tier.GENERAL, "村级调解未果"),
        (Tier.GENERAL, Tier.DIFFICULT, "涉及多户"),
    ]
    with pytest.raises(ValidationError, match="疑难纠纷已是最高层级"):
        services.dispute_escalate(actor=leader, dispute=dispute, reason="再升级")


def test_the_leader_cannot_extend_their_own_deadline_but_another_leader_can_with_a_recorded_reason(
    world, studio, mediator, second_leader
):
    leader = world.user(Role.LEADER)
    dispute = make_dispute(world, tier=Tier.DIFFICULT, body=studio, leader=leader)
    due = dispute.due_date
    with pytest.raises(ValidationError, match="包案领导不能自行延长办结期限"):
        services.dispute_extend(actor=leader, dispute=dispute, days=15, reason="需要更多时间")
    dispute.refresh_from_db()
    assert dispute.due_date == due
    with pytest.raises(ValidationError) as exc:
        services.dispute_extend(actor=second_leader, dispute=dispute, days=15, reason="")
    assert exc.value.message_dict["reason"] == ["延长须写明理由。"]
    dispute = services.dispute_extend(
        actor=second_leader, dispute=dispute, days=15, reason="等待林业站勘界", on=D(2023, 3, 20)
    )
    assert dispute.due_date > due
    event = DeadlineEvent.objects.get(deadline=dispute.deadline, kind="extend")
    assert (event.days, event.reason, event.actor) == (15, "等待林业站勘界", second_leader)


def test_closing_as_resolved_needs_an_agreement_and_failure_needs_a_reason(world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    with pytest.raises(ValidationError) as exc:
        services.dispute_close(actor=None, dispute=dispute, status=DisputeStatus.RESOLVED, on=D(2023, 3, 9))
    assert "调解成功须记录调解协议" in exc.value.message_dict["terms"][0]
    with pytest.raises(ValidationError) as exc:
        services.dispute_close(actor=None, dispute=dispute, status=DisputeStatus.FAILED, on=D(2023, 3, 9))
    assert "调解不成或终止调解须写明理由" in exc.value.message_dict["reason"][0]
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN and not Agreement.objects.exists()
    dispute = services.dispute_close(
        actor=None, dispute=dispute, status=DisputeStatus.RESOLVED, on=D(2023, 3, 10), agreement=agreement()
    )
    assert Deadline.objects.get(pk=dispute.deadline_id).status == "done"
    with pytest.raises(ValidationError, match="不能再结案"):
        services.dispute_close(actor=None, dispute=dispute, status=DisputeStatus.FAILED, reason="x")


def test_judicial_confirmation_must_be_applied_within_30_days_of_the_agreement(world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    services.dispute_close(
        actor=None, dispute=dispute, status=DisputeStatus.RESOLVED, on=D(2023, 3, 10), agreement=agreement()
    )
    record = dispute.agreement
    with pytest.raises(ValidationError) as exc:
        services.confirmation_apply(actor=None, agreement=record, applied_on=D(2023, 4, 11), court="城口县人民法院")
    assert "已超过申请司法确认的期限" in exc.value.message_dict["applied_on"][0]
    record.refresh_from_db()
    assert record.confirmation_applied_on is None
    services.confirmation_apply(actor=None, agreement=record, applied_on=D(2023, 4, 10), court="城口县人民法院")
    services.confirmation_decide(actor=None, agreement=record, result="confirmed", decided_on=D(2023, 4, 20))
    record.refresh_from_db()
    assert record.confirmation_result == "confirmed"


def test_an_unperformed_agreement_found_at_follow_up_reopens_the_dispute(world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    services.dispute_close(
        actor=None, dispute=dispute, status=DisputeStatus.RESOLVED, on=D(2023, 3, 10), agreement=agreement()
    )
    follow_up = FollowUp.objects.get(dispute=dispute)
    with pytest.raises(ValidationError) as exc:
        services.follow_up_record(
            actor=None, follow_up=follow_up, visited_on=D(2023, 4, 10), performance=Performance.PERFORMED, reopen=True
        )
    assert exc.value.message_dict["reopen"] == ["协议已履行，无需重新调解。"]
    services.follow_up_record(
        actor=None, follow_up=follow_up, visited_on=D(2023, 4, 10), performance=Performance.NOT_PERFORMED, reopen=True
    )
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN and dispute.closed_on is None
    assert dispute.agreements.get().performance == Performance.NOT_PERFORMED
    assert dispute.due_date == D(2023, 5, 10)
    # a new agreement after renewed mediation keeps the old one
    services.dispute_close(
        actor=None,
        dispute=dispute,
        status=DisputeStatus.RESOLVED,
        on=D(2023, 4, 20),
        agreement=agreement(D(2023, 4, 20)),
    )
    assert dispute.agreements.count() == 2 and dispute.agreement.effective_on == D(2023, 4, 20)


def test_a_user_cannot_register_a_dispute_outside_their_area(world, studio, mediator):
    with pytest.raises(PermissionDenied):
        make_dispute(world, area=world.foreign_grid, actor=world.user(Role.VILLAGE_CADRE), tier=Tier.SIMPLE)


def test_a_matter_becomes_a_general_dispute_and_the_matter_is_marked_transferred(world, studio, mediator):
    from fazhi.grid import services as grid_services

    admin = world.user(Role.GRID_ADMIN)
    matter = grid_services.matter_create(
        actor=admin,
        area=world.grid,
        category="dispute",
        description="两户因宅基地界址争吵",
        source="grid_report",
        raised_by_text="赵六",
        registered_on=D(2023, 6, 1),
    )
    dispute = services.dispute_create_from_matter(
        actor=admin,
        matter=matter,
        dispute_type="land_forest",
        received_on=D(2023, 6, 2),
        body=studio,
        mediators=[mediator],
    )
    matter.refresh_from_db()
    assert dispute.matter == matter and dispute.source == "matter" and dispute.tier == Tier.GENERAL
    assert [p.name for p in dispute.parties.all()] == ["赵六"]
    assert matter.status == "to_mediation" and matter.transferred_to == dispute
    with pytest.raises(ValidationError, match="该事项已转为矛盾纠纷"):
        services.dispute_create_from_matter(
            actor=admin, matter=matter, dispute_type="other", body=studio, mediators=[mediator]
        )


def test_the_mediator_phone_is_stored_encrypted_and_shown_masked(world, mediator):
    assert mediator.phone_masked == "138****5678"
    with pytest.raises(ValidationError) as exc:
        services.mediator_create(actor=None, area=world.township, name="某", kind="worthy", phone="12ab")
    assert exc.value.message_dict["phone"] == ["联系电话须为7至12位数字。"]


def test_mediators_are_assigned_to_an_open_dispute_and_then_see_it(world, studio, mediator):
    from fazhi.mediation.selectors import dispute_list

    dispute = make_dispute(world, tier=Tier.SIMPLE)  # e.g. a request from the public website, nobody assigned yet
    user = world.user(Role.MEDIATOR)
    assert dispute not in dispute_list(user=user)
    with pytest.raises(ValidationError) as exc:
        services.dispute_assign(actor=world.user(Role.LEGAL_STAFF), dispute=dispute, body=studio, mediators=[])
    assert exc.value.message_dict["mediators"] == ["请至少指派一名调解员。"]
    services.dispute_assign(actor=world.user(Role.LEGAL_STAFF), dispute=dispute, body=studio, mediators=[mediator])
    assert dispute in dispute_list(user=user)
    assert dispute.events.filter(action="指派调解员").exists()
