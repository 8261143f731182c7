import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.accounts.roles import Role
from fazhi.decisions.models import Decision, DecisionEvent, DecisionStatus
from fazhi.decisions.services import decision_transition

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def leader(world):
    return world.user(Role.LEADER)


@pytest.fixture
def decision(world):
    return Decision.objects.create(area=world.township, title="治平乡集镇污水处理设施建设", year=2023)


def test_refuses_discussion_without_legality_review(decision, leader):
    with pytest.raises(ValidationError, match="未经合法性审查的决策草案，不得提交集体讨论"):
        decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 5, 8))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and not DecisionEvent.objects.exists()


def test_refuses_comment_shorter_than_30_days_without_reason(decision, leader):
    decision_transition(actor=leader, decision=decision, action="open_comment", on=D(2023, 3, 1))
    with pytest.raises(ValidationError, match="不少于30日（最早2023-03-31）"):
        decision_transition(actor=leader, decision=decision, action="submit_review", on=D(2023, 3, 20))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CONSULTING and decision.review_started_on is None
    d = decision_transition(
        actor=leader, decision=decision, action="submit_review", on=D(2023, 3, 20), reason="汛期紧急"
    )
    assert d.comment_shortened_reason == "汛期紧急"


def test_refuses_review_shorter_than_7_working_days(decision, leader):
    decision_transition(actor=leader, decision=decision, action="open_comment", on=D(2023, 3, 1))
    decision_transition(actor=leader, decision=decision, action="submit_review", on=D(2023, 4, 3))
    with pytest.raises(ValidationError, match="不少于7个工作日，最早可于2023-04-12"):
        decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 10))
    d = decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 12))
    assert d.status == DecisionStatus.DISCUSSED
    assert list(d.events.values_list("action", flat=True)) == ["open_comment", "submit_review", "discuss"]
