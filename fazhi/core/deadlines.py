"""The deadline engine: every statutory period in the platform runs through these services."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core.models import DayUnit, Deadline, DeadlineEvent, DeadlineRule
from fazhi.core.workdays import add_period, rests_on_provisional, working_days_between


def deadline_rule_current(*, key: str, on: datetime.date) -> DeadlineRule:
    rule = DeadlineRule.objects.filter(key=key, valid_from__lte=on).order_by("-version").first()
    if rule is None:
        raise ValidationError(_("未配置期限规则“%(key)s”。") % {"key": key})
    return rule


def deadline_rule_ensure(
    *,
    key: str,
    label: str,
    days: int,
    unit: str,
    source: str,
    certainty: str = "",
    valid_from: datetime.date = datetime.date(2000, 1, 1),
) -> DeadlineRule:
    """Create version 1 of a rule if the platform has none yet; admins' later versions are left alone."""
    rule, _created = DeadlineRule.objects.get_or_create(
        key=key,
        version=1,
        defaults={
            "label": label,
            "days": days,
            "unit": unit,
            "source": source,
            "certainty": certainty,
            "valid_from": valid_from,
        },
    )
    return rule


def deadline_rule_revise(
    *, key: str, days: int, unit: str, source: str, valid_from: datetime.date, actor
) -> DeadlineRule:
    """A new version of a rule; running deadlines keep the version they started with."""
    if not source.strip():
        raise ValidationError({"source": _("须写明依据（法规名称及条款）。")})
    with transaction.atomic():
        latest = DeadlineRule.objects.select_for_update().filter(key=key).order_by("-version").first()
        if latest is None:
            raise ValidationError(_("未配置期限规则“%(key)s”。") % {"key": key})
        rule = DeadlineRule(
            key=key,
            version=latest.version + 1,
            label=latest.label,
            days=days,
            unit=unit,
            source=source,
            certainty=latest.certainty,
            valid_from=valid_from,
        )
        rule.full_clean()
        rule.save()
    return rule


def _event(deadline: Deadline, *, kind: str, on: datetime.date, actor, days: int = 0, reason: str = "") -> None:
    DeadlineEvent.objects.create(
        deadline=deadline, kind=kind, on=on, days=days, reason=reason, due_after=deadline.due_date, actor=actor
    )


def deadline_start(*, subject, rule_key: str, start: datetime.date, actor) -> Deadline:
    rule = deadline_rule_current(key=rule_key, on=start)
    with transaction.atomic():
        deadline = Deadline.objects.create(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            rule=rule,
            start_date=start,
            due_date=add_period(start, rule.days, rule.unit),
        )
        deadline.provisional = rests_on_provisional(start, deadline.due_date)
        if deadline.provisional:
            deadline.save(update_fields=["provisional"])
        _event(deadline, kind=DeadlineEvent.Kind.START, on=start, actor=actor, days=rule.days)
    return deadline


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)


def deadline_suspend(*, deadline: Deadline, on: datetime.date, reason: str, actor) -> Deadline:
    if not reason.strip():
        raise ValidationError({"reason": _("中止须写明理由。")})
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status != Deadline.Status.RUNNING:
            raise ValidationError(_("只有计时中的期限才能中止。"))
        deadline.status, deadline.suspended_on = Deadline.Status.SUSPENDED, on
        deadline.save(update_fields=["status", "suspended_on"])
        _event(deadline, kind=DeadlineEvent.Kind.SUSPEND, on=on, reason=reason, actor=actor)
    return deadline


def deadline_resume(*, deadline: Deadline, on: datetime.date, actor) -> Deadline:
    """The suspended span does not count: the due date moves by it, in the rule's own unit."""
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status != Deadline.Status.SUSPENDED:
            raise ValidationError(_("只有已中止的期限才能恢复计时。"))
        if on < deadline.suspended_on:
            raise ValidationError(_("恢复日期不能早于中止日期。"))
        if deadline.rule.unit == DayUnit.WORKING:
            paused = working_days_between(deadline.suspended_on, on)
        else:
            paused = (on - deadline.suspended_on).days
        deadline.due_date = add_period(deadline.due_date, paused, deadline.rule.unit) if paused else deadline.due_date
        deadline.status, deadline.suspended_on = Deadline.Status.RUNNING, None
        deadline.provisional = rests_on_provisional(deadline.start_date, deadline.due_date)
        deadline.save(update_fields=["status", "suspended_on", "due_date", "provisional"])
        _event(deadline, kind=DeadlineEvent.Kind.RESUME, on=on, days=paused, actor=actor)
    return deadline


def deadline_extend(*, deadline: Deadline, days: int, reason: str, on: datetime.date, actor) -> Deadline:
    if days <= 0:
        raise ValidationError({"days": _("延长天数须大于零。")})
    if not reason.strip():
        raise ValidationError({"reason": _("延长须写明理由。")})
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status == Deadline.Status.DONE:
            raise ValidationError(_("已办结的期限不能延长。"))
        deadline.due_date = add_period(deadline.due_date, days, deadline.rule.unit)
        deadline.provisional = rests_on_provisional(deadline.start_date, deadline.due_date)
        deadline.save(update_fields=["due_date", "provisional"])
        _event(deadline, kind=DeadlineEvent.Kind.EXTEND, on=on, days=days, reason=reason, actor=actor)
    return deadline


def deadline_complete(*, deadline: Deadline, on: datetime.date, actor) -> Deadline:
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status == Deadline.Status.DONE:
            raise ValidationError(_("该期限已办结。"))
        deadline.status, deadline.done_on = Deadline.Status.DONE, on
        deadline.save(update_fields=["status", "done_on"])
        _event(deadline, kind=DeadlineEvent.Kind.DONE, on=on, actor=actor)
    return deadline


def _recounted_due(deadline: Deadline) -> datetime.date:
    """The due date counted afresh over the calendar as it now stands, from the deadline's own rule version and its
    history (suspensions and extensions), so a calendar change moves it exactly as if it had been known at the start."""
    unit = deadline.rule.unit
    due = add_period(deadline.start_date, deadline.rule.days, unit)
    suspended_on = None
    for event in deadline.events.all():
        if event.kind == DeadlineEvent.Kind.SUSPEND:
            suspended_on = event.on
        elif event.kind == DeadlineEvent.Kind.RESUME and suspended_on is not None:
            if unit == DayUnit.WORKING:
                paused = working_days_between(suspended_on, event.on)
            else:
                paused = (event.on - suspended_on).days
            due = add_period(due, paused, unit) if paused else due
            suspended_on = None
        elif event.kind == DeadlineEvent.Kind.EXTEND:
            due = add_period(due, event.days, unit)
    return due


def deadlines_recount(*, first: datetime.date, last: datetime.date, on: datetime.date, actor) -> int:
    """After the working-day calendar changed on days in [first, last] (a holiday notice entered, a provisional day
    confirmed or removed), count every open deadline that spans them afresh. Each keeps the rule version it started
    with (DeadlineRule: a case fixes its version when it opens); only the calendar under it has changed.

    A subject's own `due_date` field, where it mirrors the deadline (a dispute's or matter's 办结期限), moves with it.
    Returns how many deadlines changed.
    """
    changed = 0
    with transaction.atomic():
        affected = (
            Deadline.objects.select_for_update()
            .exclude(status=Deadline.Status.DONE)
            .filter(start_date__lt=last, due_date__gte=first)
            .select_related("rule", "content_type")
            .order_by("pk")
        )
        for deadline in affected:
            before = deadline.due_date
            due = _recounted_due(deadline)
            provisional = rests_on_provisional(deadline.start_date, due)
            if (due, provisional) == (before, deadline.provisional):
                continue
            deadline.due_date, deadline.provisional = due, provisional
            deadline.save(update_fields=["due_date", "provisional"])
            if due != before:
                _event(deadline, kind=DeadlineEvent.Kind.RECOUNT, on=on, actor=actor)
                model = deadline.content_type.model_class()
                if model is not None and any(f.name == "due_date" for f in model._meta.concrete_fields):
                    # Only where the copy still equals this deadline's old date: a subject with several deadlines
                    # (a petition's notice, then handling period) mirrors just the current one.
                    model._base_manager.filter(pk=deadline.object_id, due_date=before).update(due_date=due)
            changed += 1
    return changed


def deadlines_for(subject) -> list[Deadline]:
    ct = ContentType.objects.get_for_model(subject)
    return list(Deadline.objects.filter(content_type=ct, object_id=subject.pk).select_related("rule"))
