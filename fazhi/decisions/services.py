import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.areas.scoping import require_change
from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.registry import registry
from fazhi.core.workdays import add_period
from fazhi.decisions import workflow
from fazhi.decisions.models import Decision, DecisionEvent


def _earliest(key: str, start: datetime.date) -> tuple[int, datetime.date]:
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    rule = deadline_rule_current(key=key, on=start)
    return rule.days, add_period(start, rule.days, rule.unit)


def _comment_period_elapsed(d: Decision, on: datetime.date, reason: str) -> str:
    # 重大行政决策程序暂行条例 第十五条：征求意见期限一般不少于30日 (DOMAIN.md MD-07); shorter only with a reason
    days, earliest = _earliest("decisions.public_comment", d.comment_started_on)
    if on < earliest and not reason.strip():
        return _("公开征求意见期限不少于%(n)d日（最早%(d)s）；确需缩短的，须说明理由。") % {
            "n": days,
            "d": earliest.isoformat(),
        }
    return ""


def _review_period_elapsed(d: Decision, on: datetime.date, reason: str) -> str:
    # 重大行政决策程序暂行条例 第二十七条：合法性审查时间一般不少于7个工作日 (DOMAIN.md MD-12)
    days, earliest = _earliest("decisions.legality_review", d.review_started_on)
    if on < earliest:
        return _("合法性审查时间不少于%(n)d个工作日，最早可于%(d)s提请集体讨论。") % {
            "n": days,
            "d": earliest.isoformat(),
        }
    return ""


GUARDS = {"comment_period_elapsed": _comment_period_elapsed, "review_period_elapsed": _review_period_elapsed}


def decision_transition(*, actor, decision: Decision, action: str, on: datetime.date, reason: str = "") -> Decision:
    if actor is not None:
        require_change(actor, decision)
    with transaction.atomic():
        d = Decision.objects.select_for_update().get(pk=decision.pk)
        step = workflow.find(d.status, action)
        if step is None:
            if action == "discuss":
                # 条例 第二十五条：未经合法性审查或者经审查不合法的，不得提交集体讨论 (DOMAIN.md MD-12)
                raise ValidationError(_("未经合法性审查的决策草案，不得提交集体讨论。"))
            raise ValidationError(
                _("决策当前状态为“%(s)s”，不能执行“%(a)s”。")
                % {"s": d.get_status_display(), "a": workflow.ACTION_LABELS.get(action, action)}
            )
        if actor is not None and not actor.has_perm(step.permission):
            raise PermissionDenied
        if step.guard:
            message = GUARDS[step.guard](d, on, reason)
            if message:
                raise ValidationError(message)
        source = d.status
        if action == "open_comment":
            d.comment_started_on = on
        elif action == "submit_review":
            d.review_started_on = on
            d.comment_shortened_reason = reason.strip()
        elif action == "discuss":
            d.discussed_on = on
        d.status = step.target
        d.save()
        DecisionEvent.objects.create(
            decision=d, action=action, from_status=source, to_status=d.status, on=on, actor=actor
        )
    return d
