import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.deadlines import deadline_rule_current, deadline_rule_ensure
from fazhi.core.registry import registry
from fazhi.core.workdays import add_period
from fazhi.documents import workflow
from fazhi.documents.models import DocumentEvent, DocumentStatus, NormativeDocument


def _rule(key: str, on: datetime.date):
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    return deadline_rule_current(key=key, on=on)


def document_create(*, actor, area: Area, title: str, body: str) -> NormativeDocument:
    require_area_writable(actor, Module.DOCUMENTS, area)
    with transaction.atomic():
        doc = NormativeDocument(area=area, title=title.strip(), body=body)
        doc.full_clean()
        doc.save()
        DocumentEvent.objects.create(
            document=doc,
            action="create",
            from_status=doc.status,
            to_status=doc.status,
            on=timezone.localdate(),
            actor=actor,
        )
    return doc


# ---- guards: each returns an error message (Chinese) or "" ---------------------------------------


def _has_body(doc, *, on, opinion, registration_no) -> str:
    return "" if doc.body.strip() else _("文件正文为空，不能提请合法性审核。")


def _review_period_elapsed(doc, *, on, opinion, registration_no) -> str:
    # 合法性审核时间一般不少于5个工作日 (国办发〔2018〕115号, DOMAIN.md ND-09; configurable rule).
    rule = _rule("documents.legality_review", on)
    earliest = add_period(doc.review_submitted_on, rule.days, rule.unit)
    if on < earliest:
        return _("合法性审核时间不足%(days)d个工作日，最早可于%(date)s出具审核意见。") % {
            "days": rule.days,
            "date": earliest.isoformat(),
        }
    if not opinion.strip():
        return _("请填写合法性审核意见。")
    return ""


def _has_opinion(doc, *, on, opinion, registration_no) -> str:
    return "" if opinion.strip() else _("退回修改须写明审核意见。")


def _has_registration_no(doc, *, on, opinion, registration_no) -> str:
    # 未经统一登记、编号、公布的不得作为行政管理依据 (国办发〔2018〕37号, DOMAIN.md ND-13)
    if not registration_no.strip():
        return _("公布前须统一登记编号，请填写登记编号。")
    clash = NormativeDocument.objects.filter(area=doc.area, registration_no=registration_no.strip()).exclude(pk=doc.pk)
    if clash.exists():
        return _("登记编号“%(no)s”已被其他文件使用。") % {"no": registration_no.strip()}
    return ""


GUARDS = {
    "has_body": _has_body,
    "review_period_elapsed": _review_period_elapsed,
    "has_opinion": _has_opinion,
    "has_registration_no": _has_registration_no,
}


def document_transition(
    *,
    actor,
    document: NormativeDocument,
    action: str,
    on: datetime.date,
    opinion: str = "",
    registration_no: str = "",
    note: str = "",
) -> NormativeDocument:
    """Apply one row of workflow.TRANSITIONS; an illegal step raises ValidationError."""
    if actor is not None:
        require_change(actor, document)
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        step = workflow.find(doc.status, action)
        if step is None:
            if action == "deliberate":
                # 国办发〔2018〕115号 (DOMAIN.md ND-08)
                raise ValidationError(_("未经合法性审核或审核未通过的文件，不得提请集体审议。"))
            raise ValidationError(
                _("文件当前状态为“%(status)s”，不能执行“%(action)s”。")
                % {"status": doc.get_status_display(), "action": workflow.ACTION_LABELS.get(action, action)}
            )
        if actor is not None and not actor.has_perm(step.permission):
            raise PermissionDenied
        if step.guard:
            message = GUARDS[step.guard](doc, on=on, opinion=opinion, registration_no=registration_no)
            if message:
                raise ValidationError(message)
        source = doc.status
        if action == "submit_review":
            doc.review_submitted_on = on
        elif action in ("approve_review", "return_review"):
            doc.review_opinion = opinion.strip()
        elif action == "deliberate":
            doc.deliberated_on = on
        elif action == "issue":
            doc.registration_no = registration_no.strip()
            doc.issued_on = on
            # 备案期限本地配置 (DOMAIN.md ND-15)
            rule = _rule("documents.filing", on)
            doc.filing_due = add_period(on, rule.days, rule.unit)
        elif action == "file":
            doc.filed_on = on
        doc.status = step.target
        doc.full_clean()
        doc.save()
        DocumentEvent.objects.create(
            document=doc,
            action=action,
            from_status=source,
            to_status=doc.status,
            on=on,
            note=note or opinion,
            actor=actor,
        )
    return doc


def overdue_filings(queryset):
    """Issued but not filed past the filing due date."""
    import django.utils.timezone as tz

    return queryset.filter(status=DocumentStatus.ISSUED, filing_due__lt=tz.localdate())
