"""Every write of the enforcement app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.registry import registry
from fazhi.core.uploads import check_content
from fazhi.core.workdays import add_period
from fazhi.enforcement import workflow
from fazhi.enforcement.choices import CaseStatus, CaseType, PublicationKind, RecordKind, ReviewConclusion
from fazhi.enforcement.models import (
    CaseEvent,
    CaseRecord,
    EnforcementCase,
    Inspection,
    JointAction,
    LegalReview,
    Officer,
    Problem,
    Publication,
    TrainingRecord,
)

MIN_OFFICERS = 2
MB = 1024 * 1024
# 全过程记录 file limits per kind: (extensions, largest size). Audio-video of on-site actions is long (LE-08).
RECORD_LIMITS = {
    RecordKind.DOCUMENT: ({"pdf", "doc", "docx", "jpg", "jpeg", "png"}, 20 * MB),
    RecordKind.PHOTO: ({"jpg", "jpeg", "png", "webp", "heic"}, 10 * MB),
    RecordKind.AUDIO: ({"mp3", "m4a", "aac", "wav", "amr"}, 100 * MB),
    RecordKind.VIDEO: ({"mp4", "mov", "avi", "3gp"}, 500 * MB),
}


def due_date(*, key: str, start: datetime.date) -> datetime.date:
    """A statutory period from `start`, by the rule version in force that day (admins may revise the rule)."""
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    rule = deadline_rule_current(key=key, on=start)
    return add_period(start, rule.days, rule.unit)


def _check(actor, obj) -> None:
    if actor is not None:
        require_change(actor, obj)


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- officers ----------------------------------------------------------------------------------------------------


def officer_save(
    *,
    actor,
    officer: Officer | None = None,
    area: Area,
    name: str,
    certificate_no: str,
    certificate_issued_on: datetime.date,
    certificate_valid_until: datetime.date,
    certificate_issuer: str = "",
    certificate_field: str = "",
    other_posts: str = "",
) -> Officer:
    """Create an officer, or update one (including moving them to another area within the actor's reach)."""
    if officer is not None:
        _check(actor, officer)
    require_area_writable(actor, Module.ENFORCEMENT, area)
    number = certificate_no.strip()
    clash = Officer.objects.filter(certificate_no=number).exclude(pk=getattr(officer, "pk", None))
    if clash.exists():
        raise ValidationError({"certificate_no": _("执法证号“%(n)s”已登记。") % {"n": number}})
    if certificate_issued_on > timezone.localdate():
        raise ValidationError({"certificate_issued_on": _("发证日期不能晚于今天。")})
    if certificate_issued_on > certificate_valid_until:
        raise ValidationError({"certificate_issued_on": _("发证日期不能晚于执法证有效期。")})
    with transaction.atomic():
        if officer is not None:
            officer = Officer.objects.select_for_update().get(pk=officer.pk)
        else:
            officer = Officer()
        officer.area, officer.name, officer.certificate_no = area, name.strip(), number
        officer.certificate_issued_on, officer.certificate_valid_until = certificate_issued_on, certificate_valid_until
        officer.certificate_issuer, officer.certificate_field = certificate_issuer.strip(), certificate_field.strip()
        officer.other_posts = "\n".join(line.strip() for line in other_posts.splitlines() if line.strip())
        return _saved(officer)


def training_record_add(*, actor, officer: Officer, on: datetime.date, hours: Decimal, topic: str) -> TrainingRecord:
    _check(actor, officer)
    if hours is None or hours <= 0:
        raise ValidationError({"hours": _("学时须大于0。")})
    with transaction.atomic():
        return _saved(TrainingRecord(officer=officer, on=on, hours=hours, topic=topic.strip()))


# --- cases -------------------------------------------------------------------------------------------------------


def case_create(
    *,
    actor,
    area: Area,
    title: str,
    case_type: str,
    opened_on: datetime.date,
    is_major: bool = False,
    party: str = "",
) -> EnforcementCase:
    require_area_writable(actor, Module.ENFORCEMENT, area)
    with transaction.atomic():
        case = EnforcementCase(
            area=area, title=title.strip(), case_type=case_type, opened_on=opened_on, is_major=is_major, party=party
        )
        return _saved(case)


def _uncertified(officers, on: datetime.date) -> list[Officer]:
    return [o for o in officers if not o.certified_on(on)]


def case_officers_assign(
    *, actor, case: EnforcementCase, officers: list[Officer], on: datetime.date
) -> EnforcementCase:
    """持证上岗: only officers holding a certificate valid on the assignment day, at least two of them
    (行政处罚法(2021) 第四十二条; 法治政府建设与责任落实督察工作规定 第九条; docs/law.md LE-22/LE-40)."""
    _check(actor, case)
    officers = list(officers)
    reachable = set(Officer.objects.visible_to(actor).values_list("pk", flat=True)) if actor is not None else None
    if reachable is not None and any(o.pk not in reachable for o in officers):
        raise PermissionDenied
    lacking = _uncertified(officers, on)
    if lacking:
        raise ValidationError(
            {
                "officers": _("%(names)s 在%(day)s无有效执法证件，不得参与执法（持证上岗）。")
                % {"names": "、".join(o.name for o in lacking), "day": on.strftime("%Y-%m-%d")}
            }
        )
    if len(officers) < MIN_OFFICERS:
        raise ValidationError({"officers": _("执法人员不得少于两人。")})
    with transaction.atomic():
        case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
        if case.status not in (CaseStatus.OPEN, CaseStatus.LEGAL_REVIEWED):
            # The decision was made by the officers on record (行政处罚法 第四十二条); they are not replaced afterwards.
            raise ValidationError(_("案件已作出决定，不能再变更承办执法人员。"))
        case.officers.set(officers)
        CaseEvent.objects.create(
            case=case,
            action="assign",
            from_status=case.status,
            to_status=case.status,
            on=on,
            note="、".join(o.name for o in officers),
            actor=actor,
        )
    return case


def _two_certified_officers(case: EnforcementCase, on: datetime.date) -> str:
    # 行政处罚法(2021) 第四十二条：执法人员不得少于两人，持有执法证件 (docs/law.md LE-22)
    valid = case.officers.filter(certificate_issued_on__lte=on, certificate_valid_until__gte=on).count()
    if valid < MIN_OFFICERS:
        return _("执法人员不得少于两人且须持有有效执法证件（当前有效持证人员%(n)d人）。") % {"n": valid}
    return ""


def _review_approved(case: EnforcementCase, on: datetime.date) -> str:
    if not case.legal_reviews.filter(conclusion=ReviewConclusion.APPROVED, reviewed_on__lte=on).exists():
        return _("尚无审核结论为“同意”的法制审核记录。")
    return ""


def _decide_allowed(case: EnforcementCase, on: datetime.date) -> str:
    message = _two_certified_officers(case, on)
    if message:
        return message
    # 重大执法决定未经法制审核或审核未通过，不得作出决定 (国办发〔2018〕118号; 行政处罚法 第五十八条; docs/law.md LE-10)
    if case.is_major and _review_approved(case, on):
        return _("重大执法决定未经法制审核或审核未通过，不得作出决定。")
    return ""


GUARDS = {"review_approved": _review_approved, "decide_allowed": _decide_allowed}


def case_transition(*, actor, case: EnforcementCase, action: str, on: datetime.date, note: str = "") -> EnforcementCase:
    """Apply one row of the workflow table, locking the case and writing its timeline row."""
    _check(actor, case)
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
        source, case.status = case.status, step.target
        case.save()
        CaseEvent.objects.create(
            case=case, action=action, from_status=source, to_status=case.status, on=on, note=note, actor=actor
        )
    return case


def legal_review_record(
    *, actor, case: EnforcementCase, reviewer: str, reviewed_on: datetime.date, conclusion: str, opinion: str
) -> LegalReview:
    """法制审核书面意见; an approving opinion moves the case on (国办发〔2018〕118号; docs/law.md LE-13)."""
    _check(actor, case)
    if reviewed_on < case.opened_on:
        raise ValidationError({"reviewed_on": _("审核日期不能早于立案日期。")})
    with transaction.atomic():
        # Checked on the locked row: two reviews posted at once must not both land.
        case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
        if case.status != CaseStatus.OPEN:
            raise ValidationError(_("案件已审核或已作出决定，不能再登记法制审核。"))
        review = _saved(
            LegalReview(
                case=case, reviewer=reviewer.strip(), reviewed_on=reviewed_on, conclusion=conclusion, opinion=opinion
            )
        )
        if conclusion == ReviewConclusion.APPROVED:
            case_transition(actor=actor, case=case, action="legal_review", on=reviewed_on, note=review.reviewer)
    return review


def case_decide(*, actor, case: EnforcementCase, on: datetime.date, conclusion: str) -> EnforcementCase:
    """作出决定 and open its 事后公开 with the statutory due date (国办发〔2018〕118号; docs/law.md LE-04)."""
    _check(actor, case)
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("请填写执法结论。")})
    if on < case.opened_on:
        raise ValidationError({"on": _("决定日期不能早于立案日期。")})
    decision = case.case_type in {CaseType.PENALTY, CaseType.LICENSING}
    kind = PublicationKind.DECISION if decision else PublicationKind.RESULT
    key = "enforcement.publish_decision" if decision else "enforcement.publish_result"
    with transaction.atomic():
        case = case_transition(actor=actor, case=case, action="decide", on=on)
        case.decided_on, case.conclusion = on, conclusion.strip()
        case.save()
        _saved(
            Publication(
                case=case,
                kind=kind,
                title=f"{case.get_case_type_display()}：{case.title}",
                text=case.conclusion,
                due_on=due_date(key=key, start=on),
            )
        )
    return case


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("case").get(pk=publication.pk)


def publication_publish(*, actor, publication: Publication, on: datetime.date, text: str = "") -> Publication:
    """Post on the public site. The text is public: no full names or ID numbers (docs/law.md SEC-20)."""
    _check(actor, publication.case)
    with transaction.atomic():
        publication = _locked(publication)
        if publication.published_on is not None:
            raise ValidationError(_("该内容已公示。"))
        if on < publication.case.decided_on:
            raise ValidationError({"on": _("公示日期不能早于决定日期。")})
        publication.published_on = on
        if text.strip():
            publication.text = text.strip()
        _saved(publication)
        case_transition(actor=actor, case=publication.case, action="publish", on=on)
    return publication


def publication_revoke(*, actor, publication: Publication, on: datetime.date, reason: str) -> Publication:
    """The decision was revoked, confirmed illegal or is to be redone: the posting must come down within
    3 working days, with the reason (行政处罚法(2021) 第四十八条; docs/law.md LE-05)."""
    _check(actor, publication.case)
    if not reason.strip():
        raise ValidationError({"reason": _("请说明撤下理由。")})
    with transaction.atomic():
        publication = _locked(publication)
        if publication.published_on is None:
            raise ValidationError(_("未公示的内容无需撤下。"))
        if publication.revoked_on is not None:
            raise ValidationError(_("已登记撤销。"))
        if on < publication.published_on:
            raise ValidationError({"on": _("撤销日期不能早于公示日期。")})
        publication.revoked_on, publication.withdraw_reason = on, reason.strip()
        publication.withdraw_due = due_date(key="enforcement.withdraw", start=on)
        return _saved(publication)


def publication_withdraw(*, actor, publication: Publication, on: datetime.date) -> Publication:
    _check(actor, publication.case)
    with transaction.atomic():
        publication = _locked(publication)
        if publication.revoked_on is None:
            raise ValidationError(_("请先登记决定被撤销（确认违法）的情况及理由。"))
        if publication.withdrawn_on is not None:
            raise ValidationError(_("该公示已撤下。"))
        if on < publication.revoked_on:
            raise ValidationError({"on": _("撤下日期不能早于撤销日期。")})
        publication.withdrawn_on = on
        _saved(publication)
        case = publication.case
        CaseEvent.objects.create(
            case=case, action="withdraw", from_status=case.status, to_status=case.status, on=on, actor=actor
        )
    return publication


def case_record_add(*, actor, case: EnforcementCase, step: str, kind: str, upload, note: str = "") -> CaseRecord:
    """全过程记录 (国办发〔2018〕118号; 行政处罚法 第四十七条; docs/law.md LE-07)."""
    _check(actor, case)
    if upload is None:
        raise ValidationError({"upload": _("请选择文件。")})
    extensions, limit = RECORD_LIMITS.get(kind, (set(), 0))
    extension = upload.name.lower().rsplit(".", 1)[-1] if "." in upload.name else ""
    if extension not in extensions:
        raise ValidationError(
            {
                "upload": _("“%(n)s”不是允许的文件类型，仅限：%(e)s。")
                % {"n": upload.name, "e": "、".join(sorted(extensions))}
            }
        )
    if upload.size > limit:
        raise ValidationError({"upload": _("文件“%(n)s”超过%(m)dMB。") % {"n": upload.name, "m": limit // MB}})
    try:
        check_content(upload, extension)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    with transaction.atomic():
        record = CaseRecord(
            case=case, step=step, kind=kind, file=upload, name=upload.name[:200], size=upload.size, note=note.strip()
        )
        record.uploaded_by = actor
        return _saved(record)


# --- inspections and joint actions -------------------------------------------------------------------------------


def inspection_create(
    *,
    actor,
    area: Area,
    kind: str,
    held_on: datetime.date,
    scope: str,
    inspector: str,
    files_inspected: int = 0,
    summary: str = "",
) -> Inspection:
    require_area_writable(actor, Module.ENFORCEMENT, area)
    if files_inspected is None or files_inspected < 0:
        raise ValidationError({"files_inspected": _("评查案卷数不能为负数。")})
    with transaction.atomic():
        return _saved(
            Inspection(
                area=area,
                kind=kind,
                held_on=held_on,
                scope=scope.strip(),
                inspector=inspector.strip(),
                files_inspected=files_inspected,
                summary=summary.strip(),
            )
        )


def problem_add(*, actor, inspection: Inspection, description: str, due_on: datetime.date) -> Problem:
    _check(actor, inspection)
    if due_on < inspection.held_on:
        raise ValidationError({"due_on": _("整改期限不能早于检查日期。")})
    with transaction.atomic():
        return _saved(Problem(inspection=inspection, description=description.strip(), due_on=due_on))


def problem_rectify(*, actor, problem: Problem, on: datetime.date, rectification: str) -> Problem:
    """销号 (督察工作规定 第十八条; docs/law.md AR-10)."""
    _check(actor, problem.inspection)
    if not rectification.strip():
        raise ValidationError({"rectification": _("请填写整改措施。")})
    if on < problem.inspection.held_on:
        raise ValidationError({"on": _("整改完成日期不能早于检查日期。")})
    with transaction.atomic():
        problem = Problem.objects.select_for_update().get(pk=problem.pk)
        if problem.rectified_on is not None:
            raise ValidationError(_("该问题已整改销号。"))
        problem.rectified_on, problem.rectification = on, rectification.strip()
        return _saved(problem)


def joint_action_create(
    *, actor, area: Area, held_on: datetime.date, departments: str, subject: str, result: str = ""
) -> JointAction:
    require_area_writable(actor, Module.ENFORCEMENT, area)
    names = [d.strip() for d in departments.replace("，", "、").replace(",", "、").split("、") if d.strip()]
    if len(names) < 2:
        raise ValidationError({"departments": _("联合执法须至少有两个参与部门，用“、”分隔。")})
    with transaction.atomic():
        return _saved(
            JointAction(
                area=area, held_on=held_on, departments="、".join(names), subject=subject.strip(), result=result
            )
        )
