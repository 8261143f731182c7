"""Periods of people's mediation, declared as configurable deadline rules with their source (docs/law.md: [V2]/[C]
values are parameters, never constants)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.deadlines import deadline_rule_ensure
from fazhi.core.models import DayUnit
from fazhi.core.registry import register_deadline_rule, registry
from fazhi.mediation.choices import Tier

GENERAL = "mediation.general_time_limit"
DIFFICULT = "mediation.leader_time_limit"
CONFIRMATION = "mediation.judicial_confirmation"
FOLLOW_UP = "mediation.follow_up"

# 简易 and 一般 disputes both run the people's-mediation month (MED-18); 疑难 ones the leader's deadline.
TIER_RULE = {Tier.SIMPLE: GENERAL, Tier.GENERAL: GENERAL, Tier.DIFFICULT: DIFFICULT}


def register_all() -> None:
    # 人民调解"一般在一个月内调结" — 司法部《人民调解工作若干规定》第三十三条 (docs/law.md MED-18, [V2]); one month is
    # counted as 30 natural days.
    register_deadline_rule(
        key=GENERAL,
        label=str(_("人民调解办结期限（一般一个月内调结）")),
        days=30,
        unit=DayUnit.NATURAL,
        source="司法部《人民调解工作若干规定》第三十三条（一般在一个月内调结）",
        certainty="V2",
    )
    # 疑难纠纷领导包案限期办结: local practice (docs/law.md MED-21, [C]); the township sets the period.
    register_deadline_rule(
        key=DIFFICULT,
        label=str(_("疑难纠纷领导包案办结期限")),
        days=30,
        unit=DayUnit.NATURAL,
        source="治平乡“疑难纠纷领导包案限期办结”机制（地方做法，docs/law.md MED-21）",
        certainty="C",
    )
    # 司法确认: both parties apply within 30 days of the agreement taking effect — 人民调解法 第三十三条;
    # 民事诉讼法(2023) 第二百零五条 (docs/law.md MED-16).
    register_deadline_rule(
        key=CONFIRMATION,
        label=str(_("申请司法确认期限")),
        days=30,
        unit=DayUnit.NATURAL,
        source="《人民调解法》第三十三条；《民事诉讼法》第二百零五条",
        certainty="V",
    )
    # 回访: 调委会 supervises performance (人民调解法 第三十一条); when to visit is local practice ([C]).
    register_deadline_rule(
        key=FOLLOW_UP,
        label=str(_("调解结案后回访期限")),
        days=30,
        unit=DayUnit.NATURAL,
        source="《人民调解法》第三十一条（监督履行）；回访时间为本乡工作惯例",
        certainty="C",
    )


def ensure(key: str) -> str:
    """The rule's first version in the database (setup_platform normally creates it; tests may not have run it)."""
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    return key
