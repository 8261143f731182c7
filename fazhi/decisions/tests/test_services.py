import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.decisions import services
from fazhi.decisions.models import Decision, DecisionEvent, DecisionStatus
from fazhi.decisions.tests.conftest import D, open_comment, prepare_for_decision

pytestmark = pytest.mark.django_db


def test_deciding_during_the_comment_period_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.CONSULTING)
    with pytest.raises(ValidationError, match="公开征求意见期限至2023-03-31届满，期满前不得提交审查或作出决定"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 3, 20))
    decision.refresh_from_db()
    assert decision.discussed_on is None and decision.status == DecisionStatus.CONSULTING


def test_deciding_without_legality_review_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    Decision.objects.filter(pk=decision.pk).update(review_conclusion="")
    with pytest.raises(ValidationError, match="未经合法性审查的决策草案，不得提交集体讨论"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REVIEWING and not decision.events.filter(action="discuss").exists()


def test_deciding_after_an_illegal_review_conclusion_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    Decision.objects.filter(pk=decision.pk).update(review_conclusion="illegal")
    with pytest.raises(ValidationError, match="不得提交集体讨论"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))


def test_deciding_a_fresh_draft_lists_every_missing_step(decision, leader):
    with pytest.raises(ValidationError) as exc:
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 5, 8))
    text = " ".join(exc.value.messages)
    for missing in ("尚未公开征求意见", "尚无专家论证意见", "尚无风险评估结论", "未经合法性审查", "最后发表意见"):
        assert missing in text
    assert not DecisionEvent.objects.exists()


def test_deciding_without_required_expert_opinion_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    decision.expert_opinions.all().delete()
    with pytest.raises(ValidationError, match="本决策需专家论证，尚无专家论证意见"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))


def test_optional_steps_not_required_do_not_block(decision, leader):
    prepare_for_decision(decision, leader)
    decision.expert_opinions.all().delete()
    Decision.objects.filter(pk=decision.pk).update(expert_required=False, risk_required=False, risk_level="")
    d = services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))
    assert d.status == DecisionStatus.DISCUSSED


def test_uncontrollable_risk_blocks_the_decision(decision, leader):
    prepare_for_decision(decision, leader)
    services.risk_record(
        actor=leader, decision=decision, risk_assessor="乡综治办", risk_level="high", risk_conclusion="群众反对强烈。"
    )
    with pytest.raises(ValidationError, match="高风险（不可控）"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))


def test_deciding_without_principal_statement_last_is_refused(decision, leader):
    prepare_for_decision(decision, leader, principal_last=False)
    with pytest.raises(ValidationError, match="主要负责人（行政首长）须在集体讨论中最后发表意见"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))


def test_nobody_may_speak_after_the_principal(decision, leader):
    prepare_for_decision(decision, leader)
    with pytest.raises(ValidationError, match="主要负责人已最后发表意见，不能再增加发言"):
        services.statement_add(actor=leader, decision=decision, speaker="委员", statement="补充。")
    assert decision.statements.count() == 2


def test_review_shorter_than_7_working_days_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    with pytest.raises(ValidationError, match="不少于7个工作日，最早可于2023-04-12"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 10))
    d = services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 12))
    assert d.status == DecisionStatus.DISCUSSED and d.discussed_on == D(2023, 4, 12)
    assert list(d.events.values_list("action", flat=True)) == ["open_comment", "submit_review", "discuss"]


def test_comment_period_shorter_than_30_days_needs_a_reason(decision, leader):
    services.catalogue_publish(actor=leader, decision=decision, on=D(2023, 3, 1))
    with pytest.raises(ValidationError, match="不少于30日（截止日不早于2023-03-31）"):
        services.decision_transition(
            actor=leader, decision=decision, action="open_comment", on=D(2023, 3, 1), ends_on=D(2023, 3, 20)
        )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and decision.comment_started_on is None
    d = services.decision_transition(
        actor=leader,
        decision=decision,
        action="open_comment",
        on=D(2023, 3, 1),
        ends_on=D(2023, 3, 20),
        reason="汛期紧急",
    )
    assert d.comment_shortened_reason == "汛期紧急" and d.comment_ends_on == D(2023, 3, 20)


def test_comment_cannot_open_before_the_catalogue_is_published(decision, leader):
    with pytest.raises(ValidationError, match="须先列入年度目录并公布"):
        services.decision_transition(
            actor=leader, decision=decision, action="open_comment", on=D(2023, 3, 1), ends_on=D(2023, 4, 1)
        )


def test_review_cannot_be_submitted_before_the_period_ends(decision, leader):
    open_comment(decision, leader, D(2023, 3, 1))
    with pytest.raises(ValidationError, match="期满前不得提交审查"):
        services.decision_transition(actor=leader, decision=decision, action="submit_review", on=D(2023, 3, 31))


def test_announce_needs_the_channel_and_then_evaluation_excludes_the_risk_assessor(decision, leader):
    prepare_for_decision(decision, leader)
    services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))
    with pytest.raises(ValidationError, match="请填写公布渠道及决策解读"):
        services.decision_transition(actor=leader, decision=decision, action="announce", on=D(2023, 4, 25))
    services.decision_transition(
        actor=leader, decision=decision, action="announce", on=D(2023, 4, 25), note="乡政府网站公布并解读。"
    )
    with pytest.raises(ValidationError, match="不得由决策前开展风险评估的单位承担"):
        services.evaluation_record(
            actor=leader, decision=decision, evaluator="乡综治办", evaluated_on=D(2024, 5, 1), evaluation="良好"
        )
    d = services.evaluation_record(
        actor=leader, decision=decision, evaluator="县委党校课题组", evaluated_on=D(2024, 5, 1), evaluation="良好"
    )
    assert d.evaluated_on == D(2024, 5, 1)


def test_draft_is_frozen_once_out_for_comment(decision, leader):
    open_comment(decision, leader, D(2023, 3, 1))
    with pytest.raises(ValidationError, match="不能再修改基本信息"):
        services.decision_update(actor=leader, decision=decision, consultation_text="改过的")
    decision.refresh_from_db()
    assert decision.consultation_text.startswith("第一条")


def test_step_record_with_blank_text_is_refused(decision, leader):
    with pytest.raises(ValidationError, match="请填写：风险评估单位、风险评估结论"):
        services.risk_record(actor=leader, decision=decision, risk_assessor=" ", risk_level="low", risk_conclusion="")
    decision.refresh_from_db()
    assert decision.risk_level == ""


def test_other_area_cannot_change_a_decision(world, decision):
    outsider = make_user("mt_leader", role=Role.LEADER, area=world.other_township)
    with pytest.raises(Http404):
        services.catalogue_publish(actor=outsider, decision=decision, on=datetime.date(2023, 3, 1))
    decision.refresh_from_db()
    assert not decision.catalogued


def test_records_the_decision_rested_on_are_frozen_once_decided(decision, leader):
    prepare_for_decision(decision, leader)
    services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))
    with pytest.raises(ValidationError, match="已作出决定，决策前各环节的记录不能再修改"):
        services.risk_record(
            actor=leader, decision=decision, risk_assessor="别的单位", risk_level="medium", risk_conclusion="改"
        )
    decision.refresh_from_db()
    assert (decision.risk_assessor, decision.risk_level) == ("乡综治办", "low")


def test_deciding_straight_from_an_open_consultation_names_the_period(decision, leader):
    open_comment(decision, leader, D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc:
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 3, 15))
    assert "公开征求意见期限至2023-03-31届满，期满前不得提交审查或作出决定。" in exc.value.messages
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CONSULTING and decision.events.count() == 1


def test_a_discussion_dated_before_the_review_opinion_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    Decision.objects.filter(pk=decision.pk).update(reviewed_on=D(2023, 4, 20))
    with pytest.raises(ValidationError, match="集体讨论日期不能早于合法性审查完成日（2023-04-20）"):
        services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 12))
    assert Decision.objects.get(pk=decision.pk).discussed_on is None


def test_a_consultation_dated_before_the_catalogue_was_published_is_refused(decision, leader):
    services.catalogue_publish(actor=leader, decision=decision, on=D(2023, 3, 10))
    with pytest.raises(ValidationError, match="公开征求意见开始日不能早于目录公布日期（2023-03-10）"):
        services.decision_transition(
            actor=leader, decision=decision, action="open_comment", on=D(2023, 3, 1), ends_on=D(2023, 4, 30)
        )
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_an_announcement_dated_before_the_decision_is_refused(decision, leader):
    prepare_for_decision(decision, leader)
    services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 12))
    with pytest.raises(ValidationError, match="公布日期不能早于集体讨论决定日期（2023-04-12）"):
        services.decision_transition(actor=leader, decision=decision, action="announce", on=D(2023, 4, 11), note="网站")
    d = services.decision_transition(actor=leader, decision=decision, action="announce", on=D(2023, 4, 12), note="网站")
    assert d.status == DecisionStatus.ANNOUNCED
