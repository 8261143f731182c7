"""The 信访工作条例 (2022) clock as configurable deadline rules, each citing its article (docs/law.md PET-*, T-04:
the regulation's 日 are natural days — a period ending on a rest day moves to the next working day (T-01) — and its
objection period is 5 working days)."""

from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.models import DayUnit
from fazhi.core.registry import register_deadline_rule, registry
from fazhi.core.workdays import add_period

NOTICE = "petitions.notice"
OBJECTION = "petitions.objection"
HANDLING = "petitions.handling"
EXTENSION = "petitions.extension_max"
REVIEW_REQUEST = "petitions.review_request"
REVIEW_DECISION = "petitions.review_decision"
RECHECK_REQUEST = "petitions.recheck_request"
RECHECK_DECISION = "petitions.recheck_decision"

RULES = [
    (NOTICE, "书面告知信访人期限", 15, DayUnit.NATURAL, "《信访工作条例》第二十三条"),
    (OBJECTION, "对转送、交办事项提出异议期限", 5, DayUnit.WORKING, "《信访工作条例》第二十三条"),
    (HANDLING, "信访事项办结期限（自受理之日起）", 60, DayUnit.NATURAL, "《信访工作条例》第三十四条"),
    (EXTENSION, "办结期限延长上限（经负责人批准，限一次）", 30, DayUnit.NATURAL, "《信访工作条例》第三十四条"),
    (REVIEW_REQUEST, "申请复查期限（自收到书面答复之日起）", 30, DayUnit.NATURAL, "《信访工作条例》第三十五条"),
    (REVIEW_DECISION, "复查意见期限（自收到复查请求之日起）", 30, DayUnit.NATURAL, "《信访工作条例》第三十五条"),
    (RECHECK_REQUEST, "申请复核期限（自收到复查意见之日起）", 30, DayUnit.NATURAL, "《信访工作条例》第三十六条"),
    (RECHECK_DECISION, "复核意见期限（自收到复核请求之日起）", 30, DayUnit.NATURAL, "《信访工作条例》第三十六条"),
]


def register_all() -> None:
    for key, label, days, unit, source in RULES:
        register_deadline_rule(key=key, label=label, days=days, unit=unit, source=source, certainty="V")


def ensure(key: str) -> str:
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    return key


def days(key: str, on):
    ensure(key)
    return deadline_rule_current(key=key, on=on).days


def due(key: str, start):
    """Due date of rule `key` counted from `start` in the rule's own unit (core.workdays.add_period)."""
    ensure(key)
    rule = deadline_rule_current(key=key, on=start)
    return add_period(start, rule.days, rule.unit)
