import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.areas.scoping import require_change
from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.registry import registry
from fazhi.core.workdays import add_period
from fazhi.enforcement import workflow
from fazhi.enforcement.models import CaseEvent, CaseStatus, EnforcementCase

MIN_OFFICERS = 2


def _two_certified_officers(case: EnforcementCase, on: datetime.date) -> str:
    # 行政处罚法(2021) 第四十二条：执法人员不得少于两人，持有执法证件 (DOMAIN.md LE-03)
    valid = case.officers.filter(certificate_valid_until__gte=on).count()
    if valid < MIN_OFFICERS:
        return _("执法人员不得少于两人且须持有有效执法证件（当前有效持证人员%(n)d人）。") % {"n": valid}
    return ""


def _decide_allowed(case: EnforcementCase, on: datetime.date) -> str:
    message = _two_certified_officers(case, on)
    if message:
        return message
    # 重大执法决定未经法制审核或审核未通过，不得作出决定 (行政处罚法 第五十八条; DOMAIN.md LE-10)
    if case.is_major and case.status != CaseStatus.LEGAL_REVIEWED:
        return _("重大执法决定未经法制审核，不得作出决定。")
    return ""


GUARDS = {"two_certified_officers": _two_certified_officers, "decide_allowed": _decide_allowed}


def case_transition(*, actor, case: EnforcementCase, action: str, on: datetime.date) -> EnforcementCase:
    if actor is not None:
        require_change(actor, case)
    with transaction.atomic():
        case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
        step = workflow.find(case.status, action)
        if step is None:
            raise ValidationError(
                _("案件当前状态为“%(s)s”，不能执行“%(a)s”。")
                % {"s": case.get_status_display(), "a": workflow.ACTION_LABELS.get(action, action)}
            )
        if actor is not None and not actor.has_perm(step.permission):
            raise PermissionDenied
        if step.guard:
            message = GUARDS[step.guard](case, on)
            if message:
                raise ValidationError(message)
        source = case.status
        if action == "decide":
            case.decided_on = on
            # 行政处罚决定7个工作日内公开 (DOMAIN.md LE-04)
            key = "enforcement.publish_decision"
            deadline_rule_ensure(key=key, **registry.deadline_rules[key])
            rule = deadline_rule_current(key=key, on=on)
            case.publication_due = add_period(on, rule.days, rule.unit)
        elif action == "publish":
            case.published_on = on
        case.status = step.target
        case.save()
        CaseEvent.objects.create(
            case=case, action=action, from_status=source, to_status=case.status, on=on, actor=actor
        )
    return case
