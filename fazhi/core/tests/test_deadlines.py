import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fazhi.core import deadlines
from fazhi.core.models import DayUnit, Deadline, DeadlineEvent

D = datetime.date


@pytest.fixture
def rules(db):
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    deadlines.deadline_rule_ensure(
        key="test.notice",
        label="书面告知",
        days=15,
        unit=DayUnit.NATURAL,
        source="信访工作条例 第二十三条",
        certainty="V",
    )
    deadlines.deadline_rule_ensure(
        key="test.objection",
        label="提出异议",
        days=5,
        unit=DayUnit.WORKING,
        source="信访工作条例 第二十三条",
        certainty="V",
    )


@pytest.fixture
def subject(world):
    return world.grid  # any saved model instance can carry deadlines


def test_start_computes_due_date_by_the_rule_unit(rules, subject):
    natural = deadlines.deadline_start(subject=subject, rule_key="test.notice", start=D(2023, 9, 20), actor=None)
    assert natural.due_date == D(2023, 10, 7)  # 10-05 falls in the National Day holiday
    working = deadlines.deadline_start(subject=subject, rule_key="test.objection", start=D(2023, 9, 27), actor=None)
    assert working.due_date == D(2023, 10, 10)  # 9-28, 10-7, 10-8, 10-9, 10-10 are the 5 working days
    assert working.events.get().kind == DeadlineEvent.Kind.START


def test_suspension_moves_the_due_date_by_the_suspended_span(rules, subject):
    deadline = deadlines.deadline_start(subject=subject, rule_key="test.objection", start=D(2023, 3, 6), actor=None)
    assert deadline.due_date == D(2023, 3, 13)
    deadlines.deadline_suspend(deadline=deadline, on=D(2023, 3, 7), reason="鉴定", actor=None)
    resumed = deadlines.deadline_resume(deadline=deadline, on=D(2023, 3, 9), actor=None)
    assert resumed.due_date == D(2023, 3, 15)  # two working days paused
    assert [e.kind for e in resumed.events.all()] == ["start", "suspend", "resume"]


def test_extension_is_recorded_with_its_reason(rules, subject):
    deadline = deadlines.deadline_start(subject=subject, rule_key="test.notice", start=D(2023, 3, 1), actor=None)
    extended = deadlines.deadline_extend(deadline=deadline, days=10, reason="情况复杂", on=D(2023, 3, 10), actor=None)
    assert extended.due_date == D(2023, 3, 27)
    event = extended.events.last()
    assert (event.kind, event.days, event.reason, event.due_after) == ("extend", 10, "情况复杂", D(2023, 3, 27))


def test_bad_transitions_are_refused_in_chinese(rules, subject):
    deadline = deadlines.deadline_start(subject=subject, rule_key="test.notice", start=D(2023, 3, 1), actor=None)
    with pytest.raises(ValidationError, match="只有已中止的期限才能恢复计时"):
        deadlines.deadline_resume(deadline=deadline, on=D(2023, 3, 2), actor=None)
    with pytest.raises(ValidationError, match="延长须写明理由"):
        deadlines.deadline_extend(deadline=deadline, days=3, reason=" ", on=D(2023, 3, 2), actor=None)
    deadlines.deadline_complete(deadline=deadline, on=D(2023, 3, 5), actor=None)
    with pytest.raises(ValidationError, match="已办结的期限不能延长"):
        deadlines.deadline_extend(deadline=deadline, days=3, reason="x", on=D(2023, 3, 6), actor=None)
    assert Deadline.objects.get(pk=deadline.pk).due_date == D(2023, 3, 16)


def test_a_running_case_keeps_the_rule_version_it_started_with(rules, subject):
    old = deadlines.deadline_start(subject=subject, rule_key="test.notice", start=D(2023, 3, 1), actor=None)
    deadlines.deadline_rule_revise(
        key="test.notice", days=10, unit=DayUnit.NATURAL, source="地方规定", valid_from=D(2023, 6, 1), actor=None
    )
    new = deadlines.deadline_start(subject=subject, rule_key="test.notice", start=D(2023, 7, 3), actor=None)
    old.refresh_from_db()
    assert (old.rule.version, old.rule.days) == (1, 15)
    assert (new.rule.version, new.rule.days) == (2, 10)
    before = deadlines.deadline_start(subject=subject, rule_key="test.notice", start=D(2023, 5, 1), actor=None)
    assert before.rule.version == 1


def test_revising_a_rule_needs_a_source(rules):
    with pytest.raises(ValidationError):
        deadlines.deadline_rule_revise(
            key="test.notice", days=10, unit=DayUnit.NATURAL, source="", valid_from=D(2023, 6, 1), actor=None
        )


def test_unknown_rule_is_a_clear_error(rules, subject):
    with pytest.raises(ValidationError, match="未配置期限规则"):
        deadlines.deadline_start(subject=subject, rule_key="nope", start=D(2023, 3, 1), actor=None)
