from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Dimension, FigureSpec, Quantity, RecordType, builtin, declare
from fazhi.documents.choices import AspectResult, DocumentStatus, FlagStatus, ReviewBody, ReviewConclusion

SECTION = _("完善制度体系，提升依法行政水平")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---


def _filing_overdue() -> Q:
    """Filed late, or still unfiled after the due date (docs/law.md ND-15, IX-07 报备及时率): today's date decides."""
    late = Q(filed_on__isnull=False, filed_on__gt=F("filing_due"))
    missing = Q(filed_on__isnull=True, status=DocumentStatus.ISSUED, filing_due__lt=timezone.localdate())
    return late | missing


_DOCUMENT_DIMENSIONS = (
    Dimension("status", _("办理状态"), "status", choices=lambda: DocumentStatus.choices),
    Dimension("consultation_required", _("须公开征求意见"), flag=Q(consultation_required=True)),
    Dimension("filed_on_time", _("按时报送备案"), flag=Q(filed_on__lte=F("filing_due"))),
    Dimension("filing_overdue", _("超期未备案或逾期备案"), flag=_filing_overdue),
)


def _document_type(key: str, label: str, date: str) -> RecordType:
    return RecordType(
        key=key,
        label=label,
        model="documents.NormativeDocument",
        date=date,
        distincts=(Quantity("drafting_unit", _("起草单位"), "drafting_unit"),),
        dimensions=_DOCUMENT_DIMENSIONS,
        section=SECTION,
    )


def _aspect(name: str, label: str) -> Dimension:
    return Dimension(name, label, name, choices=lambda: AspectResult.choices)


RECORD_TYPES = (
    RecordType(
        key="documents.review",
        label=_("规范性文件合法性审核意见"),
        model="documents.LegalityReview",
        area_path="document__area__path",
        date="reviewed_on",
        distincts=(Quantity("document", _("规范性文件"), "document"),),
        dimensions=(
            Dimension("conclusion", _("审核结论"), "conclusion", choices=lambda: ReviewConclusion.choices),
            Dimension("body", _("审核机构"), "body", choices=lambda: ReviewBody.choices),
            _aspect("authority_result", _("制定主体、权限与依据")),
            _aspect("content_result", _("内容")),
            _aspect("procedure_result", _("程序")),
        ),
        section=SECTION,
    ),
    _document_type("documents.document_issued", _("规范性文件（按公布日期）"), "issued_on"),
    _document_type("documents.document_filed", _("规范性文件（按报送备案日期）"), "filed_on"),
    _document_type("documents.document_filing_due", _("规范性文件（按备案截止日期）"), "filing_due"),
    RecordType(
        key="documents.precheck_flag",
        label=_("自动预审提示（按处理日期）"),
        model="documents.PrecheckFlag",
        area_path="document__area__path",
        date="decided_on",
        distincts=(Quantity("document", _("规范性文件"), "document"), Quantity("rule", _("规则"), "rule_code")),
        dimensions=(Dimension("status", _("处理结果"), "status", choices=lambda: FlagStatus.choices),),
        section=SECTION,
    ),
)

FIGURES = tuple(
    FigureSpec(
        key=key,
        label=label,
        unit=_("条") if key == "documents.flags_upheld" else _("件"),
        record_type=record_type,
        filters=filters,
    )
    for key, label, record_type, filters in [
        ("documents.reviewed", _("合法性审核规范性文件"), "documents.review", ()),
        (
            "documents.review_passed",
            _("合法性审核通过"),
            "documents.review",
            ({"dim": "conclusion", "values": [ReviewConclusion.PASS.value]},),
        ),
        (
            "documents.review_returned",
            _("合法性审核退回修改"),
            "documents.review",
            ({"dim": "conclusion", "values": [ReviewConclusion.RETURN.value]},),
        ),
        (
            "documents.flags_upheld",
            _("自动预审提示经审核确认"),
            "documents.precheck_flag",
            ({"dim": "status", "values": [FlagStatus.CONFIRMED.value]},),
        ),
        ("documents.issued", _("公布规范性文件"), "documents.document_issued", ()),
        ("documents.filed", _("报送备案规范性文件"), "documents.document_filed", ()),
        (
            "documents.filed_on_time",
            _("按时报送备案规范性文件"),
            "documents.document_filed",
            ({"dim": "filed_on_time", "values": ["1"]},),
        ),
        (
            "documents.filings_overdue",
            _("超期未备案或逾期备案规范性文件"),
            "documents.document_filing_due",
            ({"dim": "filing_overdue", "values": ["1"]},),
        ),
    ]
)


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "documents.reviewed": _("对{值}件规范性文件开展合法性审核"),
    "documents.filed": _("报送备案规范性文件{值}件"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*FIGURES, phrases=PHRASES)
