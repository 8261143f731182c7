import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, subtree_q
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.registry import registry
from fazhi.core.workdays import add_period
from fazhi.documents import workflow
from fazhi.documents.choices import (
    IN_FORCE,
    AspectResult,
    CleanupDecision,
    DocumentStatus,
    FlagStatus,
    ReviewConclusion,
)
from fazhi.documents.drafts import draft_text
from fazhi.documents.models import (
    CleanupCampaign,
    CleanupItem,
    DocumentEvent,
    LegalityReview,
    NormativeDocument,
    PrecheckFlag,
)
from fazhi.documents.precheck import precheck


def deadline_rule(key: str, on: datetime.date):
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    return deadline_rule_current(key=key, on=on)


def default_valid_until(*, title: str, issued_on: datetime.date) -> datetime.date:
    """有效期一般不超过5年，“暂行”“试行”不超过2年 (local rules, docs/law.md ND-17); configurable in settings."""
    years = getattr(settings, "DOCUMENTS_VALIDITY_YEARS", 5)
    if "暂行" in title or "试行" in title:
        years = min(years, getattr(settings, "DOCUMENTS_TRIAL_VALIDITY_YEARS", 2))
    try:
        end = issued_on.replace(year=issued_on.year + years)
    except ValueError:  # 2月29日
        end = issued_on.replace(year=issued_on.year + years, day=28)
    return end - datetime.timedelta(days=1)


def _event(doc, *, action: str, source: str, on: datetime.date, actor, note: str = "") -> None:
    DocumentEvent.objects.create(
        document=doc, action=action, from_status=source, to_status=doc.status, on=on, note=note, actor=actor
    )


def _fill_body(body: str, draft_file) -> str:
    if draft_file and not body.strip():
        body = draft_text(draft_file)
        if not body:
            raise ValidationError({"draft_file": _("未能从草案文件中提取文字，请在“文件正文”中粘贴正文。")})
    elif draft_file:
        draft_text(draft_file)  # still refuse a wrong or disguised file
    if not body.strip():
        raise ValidationError({"body": _("请填写文件正文或上传草案文件。")})
    return body


def document_create(
    *,
    actor,
    area: Area,
    title: str,
    body: str = "",
    drafting_unit: str = "",
    draft_file=None,
    consultation_required: bool = False,
) -> NormativeDocument:
    require_area_writable(actor, Module.DOCUMENTS, area)
    body = _fill_body(body, draft_file)
    with transaction.atomic():
        doc = NormativeDocument(
            area=area,
            title=title.strip(),
            body=body,
            drafting_unit=drafting_unit.strip(),
            consultation_required=consultation_required,
        )
        if draft_file:
            doc.draft_file = draft_file
        doc.full_clean()
        doc.save()
        _event(doc, action="create", source=doc.status, on=timezone.localdate(), actor=actor)
    return doc


def document_update(
    *,
    actor,
    document: NormativeDocument,
    title: str,
    body: str = "",
    drafting_unit: str = "",
    draft_file=None,
    consultation_required: bool = False,
) -> NormativeDocument:
    if actor is not None:
        require_change(actor, document)
    body = _fill_body(body, draft_file)
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        if doc.status != DocumentStatus.DRAFT:
            raise ValidationError(_("只有起草阶段的文件可以修改；审核中或已公布的文件不能改动正文。"))
        doc.title, doc.body, doc.drafting_unit = title.strip(), body, drafting_unit.strip()
        doc.consultation_required = consultation_required
        if draft_file:
            doc.draft_file = draft_file
        doc.full_clean()
        doc.save()
        _event(doc, action="update", source=doc.status, on=timezone.localdate(), actor=actor)
    return doc


@dataclass(frozen=True)
class StepInput:
    on: datetime.date
    note: str = ""
    meeting: str = ""
    registration_no: str = ""
    valid_until: datetime.date | None = None
    review: LegalityReview | None = None


# ---- guards: each returns an error message (Chinese) or "" ---------------------------------------


def _consultation_required(doc, step: StepInput) -> str:
    return "" if doc.consultation_required else _("本文件未标记为须公开征求意见。")


def _consultation_period_elapsed(doc, step: StepInput) -> str:
    # 涉及群众切身利益的规范性文件征求意见不少于7个工作日 (示范指标 ind.24, docs/law.md ND-07)
    rule = deadline_rule("documents.consultation", step.on)
    earliest = add_period(doc.consultation_start, rule.days, rule.unit)
    if step.on < earliest:
        return _("征求意见期不足%(days)d个工作日，最早可于%(date)s结束。") % {
            "days": rule.days,
            "date": earliest.isoformat(),
        }
    return ""


def _ready_for_review(doc, step: StepInput) -> str:
    if not doc.body.strip():
        return _("文件正文为空，不能提请合法性审核。")
    if doc.consultation_required and doc.consultation_end is None:
        # docs/law.md ND-07
        return _("本文件须先公开征求意见，征求意见结束后方可提请合法性审核。")
    return ""


def _review_passes(doc, step: StepInput) -> str:
    # 合法性审核时间一般不少于5个工作日 (国办发〔2018〕115号, docs/law.md ND-09; configurable rule).
    rule = deadline_rule("documents.legality_review", step.on)
    earliest = add_period(doc.review_submitted_on, rule.days, rule.unit)
    if step.on < earliest:
        return _("合法性审核时间不足%(days)d个工作日，最早可于%(date)s出具审核意见。") % {
            "days": rule.days,
            "date": earliest.isoformat(),
        }
    pending = doc.flags.filter(status=FlagStatus.PENDING).count()
    if pending:
        return _("尚有%(n)d条自动预审提示未处理，请逐条确认或排除后再出具审核通过意见。") % {"n": pending}
    if step.review is None or step.review.conclusion != ReviewConclusion.PASS:
        return _("请通过合法性审核表出具审核意见。")
    return ""


def _review_returns(doc, step: StepInput) -> str:
    if step.review is None or step.review.conclusion != ReviewConclusion.RETURN:
        return _("请通过合法性审核表出具审核意见。")
    return ""


def _has_meeting(doc, step: StepInput) -> str:
    # 集体审议 (常务会议/办公会议) (国办发〔2018〕37号, docs/law.md ND-12)
    return "" if step.meeting.strip() else _("请填写审议会议名称（如：乡政府常务会议）。")


def _has_registration_no(doc, step: StepInput) -> str:
    # 未经统一登记、编号、公布的不得作为行政管理依据 (国办发〔2018〕37号, docs/law.md ND-13)
    number = step.registration_no.strip()
    if not number:
        return _("公布前须统一登记编号，请填写文号。")
    clash = NormativeDocument.objects.filter(area=doc.area, issued_year=step.on.year, registration_no=number)
    if clash.exclude(pk=doc.pk).exists():
        return _("文号“%(no)s”在%(year)d年度已被其他文件使用。") % {"no": number, "year": step.on.year}
    if step.valid_until and step.valid_until <= step.on:
        return _("有效期截止日期须晚于公布日期。")
    return ""


GUARDS = {
    "consultation_required": _consultation_required,
    "consultation_period_elapsed": _consultation_period_elapsed,
    "ready_for_review": _ready_for_review,
    "review_passes": _review_passes,
    "review_returns": _review_returns,
    "has_meeting": _has_meeting,
    "has_registration_no": _has_registration_no,
}


def _apply(doc: NormativeDocument, *, actor, action: str, step: StepInput, via: str) -> NormativeDocument:
    """One row of workflow.TRANSITIONS on a row already locked by the caller."""
    transition = workflow.find(doc.status, action)
    if transition is None:
        message = workflow.SKIP_MESSAGES.get(action) or _("文件当前状态为“%(status)s”，不能执行“%(action)s”。") % {
            "status": doc.get_status_display(),
            "action": workflow.ACTION_LABELS.get(action, action),
        }
        raise ValidationError(str(message))
    if transition.via != via:
        raise ValidationError(
            _("请通过合法性审核表出具审核意见。") if transition.via == "review" else _("废止须通过文件清理作出决定。")
        )
    if actor is not None and not actor.has_perm(transition.permission):
        raise PermissionDenied
    if transition.guard:
        message = GUARDS[transition.guard](doc, step)
        if message:
            raise ValidationError(message)
    source = doc.status
    if action == "start_consultation":
        doc.consultation_start = step.on
    elif action == "end_consultation":
        doc.consultation_end = step.on
    elif action == "submit_review":
        doc.review_submitted_on = step.on
        _raise_flags(doc)
    elif action in ("approve_review", "return_review"):
        doc.review_opinion = step.review.opinion
    elif action == "deliberate":
        doc.deliberation_meeting, doc.deliberated_on = step.meeting.strip(), step.on
    elif action == "issue":
        doc.registration_no, doc.issued_on, doc.issued_year = step.registration_no.strip(), step.on, step.on.year
        # 备案期限本地配置 (国办发〔2018〕37号, docs/law.md ND-15)
        rule = deadline_rule("documents.filing", step.on)
        doc.filing_due = add_period(step.on, rule.days, rule.unit)
        doc.valid_until = step.valid_until or default_valid_until(title=doc.title, issued_on=step.on)
    elif action == "file":
        doc.filed_on = step.on
    elif action == "repeal":
        doc.repealed_on = step.on
    doc.status = transition.target
    doc.full_clean()
    doc.save()
    _event(doc, action=action, source=source, on=step.on, actor=actor, note=step.note)
    return doc


def _raise_flags(doc: NormativeDocument) -> None:
    """Pre-check at submission (docs/law.md ND-03…ND-05). Undecided flags of an earlier text go; decided ones stay."""
    doc.flags.filter(status=FlagStatus.PENDING).delete()
    PrecheckFlag.objects.bulk_create(flag_from(doc, f) for f in precheck(doc.body))


def flag_from(doc: NormativeDocument, finding, **decision) -> PrecheckFlag:
    """An unsaved flag recording one pre-check finding on `doc` (plus, for generated data, its decision)."""
    return PrecheckFlag(
        document=doc,
        rule_code=finding.rule.code,
        rule_label=str(finding.rule.label),
        rule_source=finding.rule.source,
        passage=finding.passage[:500],
        start=finding.start,
        end=finding.end,
        **decision,
    )


def document_transition(
    *,
    actor,
    document: NormativeDocument,
    action: str,
    on: datetime.date,
    note: str = "",
    meeting: str = "",
    registration_no: str = "",
    valid_until: datetime.date | None = None,
) -> NormativeDocument:
    """A generic step (not the review, not a repeal); an illegal or skipped step raises ValidationError."""
    if actor is not None:
        require_change(actor, document)
    step = StepInput(on=on, note=note, meeting=meeting, registration_no=registration_no, valid_until=valid_until)
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        return _apply(doc, actor=actor, action=action, step=step, via="")


def document_review(
    *,
    actor,
    document: NormativeDocument,
    on: datetime.date,
    reviewer_name: str,
    body: str,
    authority_result: str,
    content_result: str,
    procedure_result: str,
    conclusion: str,
    opinion: str,
    authority_opinion: str = "",
    content_opinion: str = "",
    procedure_opinion: str = "",
) -> LegalityReview:
    """合法性审核意见 (国办发〔2018〕115号, docs/law.md ND-08/ND-10): record the review and pass or return the draft."""
    if actor is not None:
        require_change(actor, document)
    results = {"authority": authority_result, "content": content_result, "procedure": procedure_result}
    opinions = {"authority": authority_opinion, "content": content_opinion, "procedure": procedure_opinion}
    errors = {
        f"{aspect}_opinion": _("审核结果为“不合法”或“需修改”的，须写明意见。")
        for aspect, result in results.items()
        if result != AspectResult.LAWFUL and not opinions[aspect].strip()
    }
    if conclusion == ReviewConclusion.PASS and AspectResult.UNLAWFUL in results.values():
        # 审核不合法的不得提请审议 (国办发〔2018〕115号, docs/law.md ND-08)
        errors["conclusion"] = _("有审核项为“不合法”，不能作出“审核通过”的结论，请退回修改。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        review = LegalityReview(
            document=doc,
            reviewer=actor,
            reviewer_name=reviewer_name.strip(),
            body=body,
            reviewed_on=on,
            conclusion=conclusion,
            opinion=opinion.strip(),
            **{f"{a}_result": r for a, r in results.items()},
            **{f"{a}_opinion": o.strip() for a, o in opinions.items()},
        )
        review.full_clean()
        action = "approve_review" if conclusion == ReviewConclusion.PASS else "return_review"
        _apply(doc, actor=actor, action=action, step=StepInput(on=on, note=review.opinion, review=review), via="review")
        review.save()
    return review


def flag_decide(*, actor, flag: PrecheckFlag, status: str, note: str, on: datetime.date) -> PrecheckFlag:
    """The reviewer upholds or dismisses one pre-check flag; the flag stays on the record either way."""
    if actor is not None:
        require_change(actor, flag.document)
    if status not in (FlagStatus.CONFIRMED, FlagStatus.DISMISSED):
        raise ValidationError({"status": _("请选择“确认存在问题”或“排除”。")})
    if status == FlagStatus.DISMISSED and not note.strip():
        raise ValidationError({"note": _("排除预审提示须写明理由。")})
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=flag.document_id)
        if doc.status != DocumentStatus.REVIEWING:
            raise ValidationError(_("只有合法性审核中的文件才能处理预审提示。"))
        flag = PrecheckFlag.objects.select_for_update().get(pk=flag.pk)
        flag.status, flag.note, flag.decided_by, flag.decided_on = status, note.strip(), actor, on
        flag.full_clean()
        flag.save()
    return flag


def campaign_create(*, actor, area: Area, title: str, started_on: datetime.date, reason: str = "") -> CleanupCampaign:
    """动态清理 (纲要（九）, docs/law.md ND-16): a campaign lists every document in force in the area."""
    require_area_writable(actor, Module.DOCUMENTS, area)
    with transaction.atomic():
        campaign = CleanupCampaign(area=area, title=title.strip(), started_on=started_on, reason=reason.strip())
        campaign.full_clean()
        campaign.save()
        # expired documents are listed too: the campaign is where they are formally repealed or renewed
        docs = NormativeDocument.objects.filter(subtree_q(area.path), status__in=IN_FORCE, issued_on__lte=started_on)
        CleanupItem.objects.bulk_create(CleanupItem(campaign=campaign, document=d) for d in docs.order_by("issued_on"))
    return campaign


def cleanup_decide(*, actor, item: CleanupItem, decision: str, note: str, on: datetime.date) -> CleanupItem:
    """保留/修改/废止 one document of a campaign; 废止 repeals the document through the workflow table."""
    if actor is not None:
        require_change(actor, item.campaign)
    if decision not in CleanupDecision.values:
        raise ValidationError({"decision": _("请选择清理结论：保留、修改或废止。")})
    if decision != CleanupDecision.KEEP and not note.strip():
        raise ValidationError({"note": _("决定修改或废止的，须写明理由。")})
    with transaction.atomic():
        item = CleanupItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
        if item.decision:
            raise ValidationError(_("该文件已作出清理结论“%(d)s”。") % {"d": item.get_decision_display()})
        if on < item.campaign.started_on:
            raise ValidationError({"on": _("决定日期不能早于清理开始日期。")})
        item.decision, item.note, item.decided_on = decision, note.strip(), on
        item.full_clean()
        item.save()
        if decision == CleanupDecision.REPEAL:
            doc = NormativeDocument.objects.select_for_update().get(pk=item.document_id)
            step = StepInput(on=on, note=_("清理废止：%(n)s") % {"n": item.note})
            _apply(doc, actor=actor, action="repeal", step=step, via="cleanup")
    return item
