import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.registry import registry
from fazhi.core.workdays import add_period
from fazhi.decisions import workflow
from fazhi.decisions.models import (
    PASSING_CONCLUSIONS,
    CommentStatus,
    Decision,
    DecisionAttachment,
    DecisionEvent,
    DecisionStatus,
    DiscussionStatement,
    ExpertOpinion,
    PublicComment,
    ReviewConclusion,
    RiskLevel,
)

COMMENT_MAX_CHARS = 2000


def earliest_end(key: str, start: datetime.date) -> tuple[int, datetime.date]:
    """The rule's days in force on `start` and the first day a period of that length may end."""
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    rule = deadline_rule_current(key=key, on=start)
    return rule.days, add_period(start, rule.days, rule.unit)


def _locked(actor, decision: Decision) -> Decision:
    if actor is not None:
        require_change(actor, decision)
    return Decision.objects.select_for_update().get(pk=decision.pk)


# --- guards ---


def _comment_period_valid(d: Decision, on: datetime.date, reason: str, ends_on: datetime.date | None) -> list[str]:
    if not d.participation_required:
        return [_("本决策未设定公众参与环节，无需公开征求意见。")]
    if not d.catalogued:
        # 决策事项目录向社会公布 (条例 第三条第三款; docs/law.md MD-02) before the public is asked about it.
        return [_("决策事项须先列入年度目录并公布，方可公开征求意见。")]
    if d.published_on is not None and on < d.published_on:
        # A consultation dated before the catalogue was published would bypass the rule above (MD-02).
        return [_("公开征求意见开始日不能早于目录公布日期（%(d)s）。") % {"d": d.published_on.isoformat()}]
    if not d.consultation_text.strip():
        return [_("请先填写征求意见稿。")]
    if ends_on is None or ends_on < on:
        return [_("请填写不早于开始日的征求意见截止日。")]
    # 条例 第十五条：征求意见期限一般不少于30日 (自然日, docs/law.md MD-07); shorter only with a stated reason.
    days, earliest = earliest_end("decisions.public_comment", on)
    if ends_on < earliest and not reason.strip():
        return [
            _("公开征求意见期限不少于%(n)d日（截止日不早于%(d)s）；确需缩短的，须说明理由。")
            % {"n": days, "d": earliest.isoformat()}
        ]
    return []


def _comment_period_ended(d: Decision, on: datetime.date) -> list[str]:
    if d.comment_ends_on is not None and on <= d.comment_ends_on:
        return [_("公开征求意见期限至%(d)s届满，期满前不得提交审查或作出决定。") % {"d": d.comment_ends_on.isoformat()}]
    return []


def decide_problems(d: Decision, on: datetime.date) -> list[str]:
    """Why the decision may not yet be taken at the collective discussion on `on` (empty list: it may)."""
    problems = []
    if d.participation_required:
        if d.comment_started_on is None:
            problems.append(_("本决策需公众参与，尚未公开征求意见。"))
        else:
            problems += _comment_period_ended(d, on)
            if not d.comment_handling.strip():
                # 条例 第十八条：对公众意见归纳整理、研究论证 (docs/law.md MD-09)
                problems.append(_("尚未填写公众意见采纳情况说明。"))
    if d.expert_required and not d.expert_opinions.exists():
        # 条例 第十九条 (docs/law.md MD-10)
        problems.append(_("本决策需专家论证，尚无专家论证意见。"))
    if d.risk_required:
        # 条例 第二十二、二十四条：风险不可控的，应调整至可控后再作决定 (docs/law.md MD-11)
        if not (d.risk_level and d.risk_conclusion.strip()):
            problems.append(_("本决策需风险评估，尚无风险评估结论。"))
        elif d.risk_level == RiskLevel.HIGH:
            problems.append(_("风险评估为高风险（不可控），须调整方案至风险可控后再作决定。"))
    # 条例 第二十五条：未经合法性审查或者经审查不合法的，不得提交集体讨论 (docs/law.md MD-12)
    if d.review_conclusion not in PASSING_CONCLUSIONS:
        problems.append(_("未经合法性审查的决策草案，不得提交集体讨论。"))
    elif d.review_started_on is not None:
        # 条例 第二十七条：合法性审查时间一般不少于7个工作日 (docs/law.md MD-12)
        days, earliest = earliest_end("decisions.legality_review", d.review_started_on)
        if on < earliest:
            problems.append(
                _("合法性审查时间不少于%(n)d个工作日，最早可于%(d)s提请集体讨论。")
                % {"n": days, "d": earliest.isoformat()}
            )
        # 条例 第二十五条：先审查，后讨论 — a discussion dated before the review opinion bypasses it (MD-12)
        if d.reviewed_on is not None and on < d.reviewed_on:
            problems.append(_("集体讨论日期不能早于合法性审查完成日（%(d)s）。") % {"d": d.reviewed_on.isoformat()})
    if not (d.meeting.strip() and d.attendees.strip() and d.outcome.strip()):
        problems.append(_("请先记录集体讨论的会议名称、出席人员和决定内容。"))
    statements = list(d.statements.all())
    # 条例 第三十条：行政首长在集体讨论会议上最后发表意见 (docs/law.md MD-14)
    if not statements or not statements[-1].is_principal:
        problems.append(_("主要负责人（行政首长）须在集体讨论中最后发表意见。"))
    return problems


def _action_problems(d: Decision, action: str, on: datetime.date, reason: str, ends_on, note: str) -> list[str]:
    if action == "open_comment":
        return _comment_period_valid(d, on, reason, ends_on)
    if action == "submit_review" and d.status == DecisionStatus.CONSULTING:
        return _comment_period_ended(d, on)
    if action == "submit_review":
        return [_("本决策需公众参与，请先公开征求意见。")] if d.participation_required else []
    if action == "announce" and not note.strip():
        return [_("请填写公布渠道及决策解读。")]
    if action == "announce" and d.discussed_on is not None and on < d.discussed_on:
        # 条例 第三十二条：公布作出的决策 — not before it was taken (docs/law.md MD-16)
        return [_("公布日期不能早于集体讨论决定日期（%(d)s）。") % {"d": d.discussed_on.isoformat()}]
    return []


def decision_transition(
    *,
    actor,
    decision: Decision,
    action: str,
    on: datetime.date,
    reason: str = "",
    ends_on: datetime.date | None = None,
    note: str = "",
) -> Decision:
    with transaction.atomic():
        d = _locked(actor, decision)
        step = workflow.find(d.status, action)
        # A refused decision names what is missing, whatever stage the file is at.
        problems = decide_problems(d, on) if action == "discuss" else []
        if not problems and step is None:
            problems = [
                _("决策当前状态为“%(s)s”，不能执行“%(a)s”。")
                % {"s": d.get_status_display(), "a": workflow.ACTION_LABELS.get(action, action)}
            ]
        if problems:
            raise ValidationError(problems)
        if actor is not None and not actor.has_perm(step.permission):
            raise PermissionDenied
        problems = _action_problems(d, action, on, reason, ends_on, note)
        if problems:
            raise ValidationError(problems)
        source = d.status
        if action == "open_comment":
            d.comment_started_on, d.comment_ends_on = on, ends_on
            d.comment_shortened_reason = reason.strip()
        elif action == "submit_review":
            d.review_started_on = on
        elif action == "discuss":
            d.discussed_on = on
        elif action == "announce":
            d.announced_on, d.announcement = on, note.strip()
        d.status = step.target
        d.save()
        DecisionEvent.objects.create(
            decision=d, action=action, from_status=source, to_status=d.status, on=on, actor=actor
        )
    return d


# --- the record itself ---

BASIC_FIELDS = (
    "title",
    "year",
    "summary",
    "consultation_text",
    "participation_required",
    "expert_required",
    "risk_required",
)


def decision_create(*, actor, area: Area, **fields) -> Decision:
    require_area_writable(actor, Module.DECISIONS, area)
    with transaction.atomic():
        d = Decision(area=area, **{k: fields[k] for k in BASIC_FIELDS if k in fields})
        d.full_clean()
        d.save()
    return d


def decision_update(*, actor, decision: Decision, **fields) -> Decision:
    with transaction.atomic():
        d = _locked(actor, decision)
        if d.status != DecisionStatus.DRAFT:
            # Commenters cite the draft by paragraph, so it is frozen once it has been put out (条例 第十五条).
            raise ValidationError(_("决策已进入“%(s)s”环节，不能再修改基本信息。") % {"s": d.get_status_display()})
        for k in BASIC_FIELDS:
            if k in fields:
                setattr(d, k, fields[k])
        d.full_clean()
        d.save()
    return d


def catalogue_publish(*, actor, decision: Decision, on: datetime.date) -> Decision:
    """列入年度决策事项目录并向社会公布 (条例 第三条第三款; docs/law.md MD-02)."""
    with transaction.atomic():
        d = _locked(actor, decision)
        if d.catalogued:
            raise ValidationError(_("该决策事项已在公布的目录中。"))
        d.catalogued, d.published_on = True, on
        d.save()
    return d


def _not_decided(d: Decision) -> None:
    # The decision was taken on these records; they are archived as they stood (条例 第三十三条; MD-17).
    if d.discussed_on is not None:
        raise ValidationError(_("已作出决定，决策前各环节的记录不能再修改。"))


def _require_text(values: dict[str, str]) -> None:
    missing = [label for label, v in values.items() if not str(v or "").strip()]
    if missing:
        raise ValidationError(_("请填写：%(f)s。") % {"f": "、".join(missing)})


def participation_record(*, actor, decision: Decision, comment_handling: str) -> Decision:
    """意见采纳情况 — published only after the period (条例 第十八条; docs/law.md MD-09)."""
    _require_text({_("意见采纳情况说明"): comment_handling})
    with transaction.atomic():
        d = _locked(actor, decision)
        _not_decided(d)
        if d.comment_ends_on is None or timezone.localdate() <= d.comment_ends_on:
            raise ValidationError(_("征求意见期满后，方可填写意见采纳情况说明。"))
        d.comment_handling = comment_handling.strip()
        d.save()
    return d


def expert_opinion_add(
    *, actor, decision: Decision, expert: str, opinion: str, given_on: datetime.date, affiliation: str = ""
) -> ExpertOpinion:
    _require_text({_("专家姓名"): expert, _("论证意见"): opinion})
    with transaction.atomic():
        d = _locked(actor, decision)
        _not_decided(d)
        row = ExpertOpinion(
            decision=d, expert=expert.strip(), affiliation=affiliation.strip(), opinion=opinion, given_on=given_on
        )
        row.full_clean()
        row.save()
    return row


def risk_record(*, actor, decision: Decision, risk_assessor: str, risk_level: str, risk_conclusion: str) -> Decision:
    _require_text({_("风险评估单位"): risk_assessor, _("风险评估结论"): risk_conclusion})
    if risk_level not in RiskLevel.values:
        raise ValidationError(_("请选择风险等级。"))
    with transaction.atomic():
        d = _locked(actor, decision)
        _not_decided(d)
        d.risk_assessor, d.risk_level, d.risk_conclusion = risk_assessor.strip(), risk_level, risk_conclusion.strip()
        d.save()
    return d


def review_record(
    *, actor, decision: Decision, reviewer: str, review_conclusion: str, review_opinion: str, reviewed_on: datetime.date
) -> Decision:
    # 条例 第二十六至二十八条：审查机构出具合法性审查意见 (docs/law.md MD-12)
    _require_text({_("审查人员/机构"): reviewer, _("审查意见"): review_opinion})
    if review_conclusion not in ReviewConclusion.values:
        raise ValidationError(_("请选择审查结论。"))
    with transaction.atomic():
        d = _locked(actor, decision)
        _not_decided(d)
        if d.review_started_on is None:
            raise ValidationError(_("请先提交合法性审查。"))
        if reviewed_on < d.review_started_on:
            raise ValidationError(_("审查完成日不能早于提交审查日。"))
        d.reviewer, d.review_conclusion = reviewer.strip(), review_conclusion
        d.review_opinion, d.reviewed_on = review_opinion.strip(), reviewed_on
        d.save()
    return d


def discussion_record(*, actor, decision: Decision, meeting: str, attendees: str, outcome: str) -> Decision:
    # 条例 第三十条：集体讨论情况和决定应当如实记录 (docs/law.md MD-14)
    _require_text({_("会议名称"): meeting, _("出席人员"): attendees, _("决定内容"): outcome})
    with transaction.atomic():
        d = _locked(actor, decision)
        _not_decided(d)
        d.meeting, d.attendees, d.outcome = meeting.strip(), attendees.strip(), outcome.strip()
        d.save()
    return d


def statement_add(
    *, actor, decision: Decision, speaker: str, statement: str, is_principal: bool = False, dissent: bool = False
) -> DiscussionStatement:
    _require_text({_("发言人"): speaker, _("发表意见"): statement})
    with transaction.atomic():
        d = _locked(actor, decision)
        _not_decided(d)
        # 条例 第三十条：行政首长在集体讨论会议上最后发表意见 — nobody speaks after the principal (docs/law.md MD-14)
        if d.statements.filter(is_principal=True).exists():
            raise ValidationError(_("主要负责人已最后发表意见，不能再增加发言。"))
        row = DiscussionStatement(
            decision=d, speaker=speaker.strip(), statement=statement.strip(), is_principal=is_principal, dissent=dissent
        )
        row.full_clean()
        row.save()
    return row


def implementation_record(*, actor, decision: Decision, implementing_unit: str, implementation_notes: str) -> Decision:
    # 条例 第三十四、三十五条 (docs/law.md MD-18)
    _require_text({_("执行单位"): implementing_unit, _("执行情况"): implementation_notes})
    with transaction.atomic():
        d = _locked(actor, decision)
        if d.discussed_on is None:
            raise ValidationError(_("决策尚未作出，不能登记执行情况。"))
        d.implementing_unit, d.implementation_notes = implementing_unit.strip(), implementation_notes.strip()
        d.save()
    return d


def evaluation_record(
    *, actor, decision: Decision, evaluator: str, evaluated_on: datetime.date, evaluation: str
) -> Decision:
    _require_text({_("评估单位"): evaluator, _("评估结论"): evaluation})
    with transaction.atomic():
        d = _locked(actor, decision)
        if d.status != DecisionStatus.ANNOUNCED:
            raise ValidationError(_("决策公布实施后，方可开展决策后评估。"))
        # 条例 第三十六条：不得由决策前风险评估的单位开展决策后评估 (docs/law.md MD-19)
        if d.risk_assessor and evaluator.strip() == d.risk_assessor:
            raise ValidationError(_("决策后评估不得由决策前开展风险评估的单位承担。"))
        d.evaluator, d.evaluated_on, d.evaluation = evaluator.strip(), evaluated_on, evaluation.strip()
        d.save()
    return d


def attachment_add(*, actor, decision: Decision, step: str, file: UploadedFile) -> DecisionAttachment:
    with transaction.atomic():
        d = _locked(actor, decision)
        row = DecisionAttachment(decision=d, step=step, file=file)
        row.full_clean()
        row.save()
    return row


# --- public comments ---


def public_comment_submit(
    *, decision: Decision, text: str, name: str = "", paragraph: int | None = None
) -> PublicComment:
    """A resident's comment from the public site; held for moderation, never published by itself."""
    today = timezone.localdate()
    d = decision
    if not (d.catalogued and d.comment_started_on and d.comment_started_on <= today <= d.comment_ends_on):
        raise ValidationError(_("该决策事项当前不在公开征求意见期内。"))
    with transaction.atomic():
        comment = _comment(d, text, name, paragraph)
        comment.save()
    return comment


def _comment(d: Decision, text: str, name: str, paragraph: int | None) -> PublicComment:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("请填写意见内容。"))
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError(_("意见内容不能超过%(n)d字。") % {"n": COMMENT_MAX_CHARS})
    if paragraph is not None and not 1 <= paragraph <= len(d.paragraphs):
        raise ValidationError(_("征求意见稿没有第%(p)s段。") % {"p": paragraph})
    comment = PublicComment(decision=d, text=text, name=(name or "").strip()[:50], paragraph=paragraph)
    comment.full_clean()
    return comment


def comment_record(
    *, actor, decision: Decision, text: str, received_on: datetime.date, name: str = "", paragraph: int | None = None
) -> PublicComment:
    """A comment received in writing or at a hearing (条例 第十四条 书面征求意见、座谈会等; MD-06), entered by staff."""
    with transaction.atomic():
        d = _locked(actor, decision)
        if not (d.comment_started_on and d.comment_started_on <= received_on <= d.comment_ends_on):
            raise ValidationError(_("收到日期不在公开征求意见期内。"))
        comment = _comment(d, text, name, paragraph)
        comment.submitted_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9)))
        comment.save()
    return comment


def public_comment_moderate(
    *, actor, comment: PublicComment, status: str, adopted: bool | None = None, reply: str = ""
) -> PublicComment:
    if status not in CommentStatus.values:
        raise ValidationError(_("请选择审核结果。"))
    with transaction.atomic():
        _locked(actor, comment.decision)
        c = PublicComment.objects.select_for_update().get(pk=comment.pk)
        c.status, c.adopted, c.reply, c.moderated_by = status, adopted, reply.strip(), actor
        c.save()
    return c
