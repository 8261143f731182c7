from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.concurrency import VersionedModel
from fazhi.core.models import TimeStampedModel
from fazhi.core.uploads import ContentValidator
from fazhi.documents.choices import (
    AspectResult,
    CleanupDecision,
    DocumentStatus,
    FlagStatus,
    ReviewBody,
    ReviewConclusion,
)

DRAFT_EXTENSIONS = ["docx", "pdf"]


class NormativeDocument(ScopedModel, VersionedModel, TimeStampedModel):
    """一件乡镇规范性文件，从起草到清理 (docs/law.md ND-01…ND-17)."""

    scope_module = Module.DOCUMENTS

    title = models.CharField(_("文件标题"), max_length=200)
    drafting_unit = models.CharField(_("起草单位"), max_length=100, blank=True)
    body = models.TextField(_("文件正文"))
    draft_file = models.FileField(
        _("草案文件"),
        upload_to="documents/drafts/%Y/",
        blank=True,
        validators=[ContentValidator(DRAFT_EXTENSIONS)],
    )
    consultation_required = models.BooleanField(
        _("须公开征求意见"), default=False, help_text=_("涉及群众切身利益或市场主体生产经营的，须公开征求意见。")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT, editable=False
    )
    consultation_start = models.DateField(_("征求意见开始日期"), null=True, blank=True, editable=False)
    consultation_end = models.DateField(_("征求意见结束日期"), null=True, blank=True, editable=False)
    review_submitted_on = models.DateField(_("提请审核日期"), null=True, blank=True, editable=False)
    review_opinion = models.TextField(_("审核意见"), blank=True, editable=False)
    deliberation_meeting = models.CharField(_("审议会议"), max_length=100, blank=True, editable=False)
    deliberated_on = models.DateField(_("集体审议日期"), null=True, blank=True, editable=False)
    registration_no = models.CharField(_("文号"), max_length=60, blank=True, editable=False)
    issued_year = models.PositiveSmallIntegerField(_("公布年度"), null=True, blank=True, editable=False)
    issued_on = models.DateField(_("公布日期"), null=True, blank=True, editable=False)
    filing_due = models.DateField(_("备案截止日期"), null=True, blank=True, editable=False)
    filed_on = models.DateField(_("报送备案日期"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True, editable=False)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("规范性文件")
        verbose_name_plural = _("规范性文件")
        ordering = ["-id"]
        constraints = [
            # 统一登记、统一编号 (国办发〔2018〕37号, docs/law.md ND-13): 文号 unique per area and year.
            models.UniqueConstraint(
                fields=["area", "issued_year", "registration_no"],
                condition=~Q(registration_no=""),
                name="documents_unique_number_per_year",
                violation_error_message=_("该年度已有文件使用此文号，文号不得重复。"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def published_on(self):
        return self.issued_on

    @property
    def doc_number(self) -> str:
        return self.registration_no

    @property
    def in_force(self) -> bool:
        return self.status in (DocumentStatus.ISSUED, DocumentStatus.FILED)

    @property
    def expired(self) -> bool:
        return self.in_force and self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def filed_on_time(self) -> bool | None:
        if self.filed_on is None or self.filing_due is None:
            return None
        return self.filed_on <= self.filing_due


class DocumentEvent(models.Model):
    """Timeline row written by every workflow step."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="events", verbose_name=_("规范性文件")
    )
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=DocumentStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=DocumentStatus.choices)
    on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文件办理记录")
        verbose_name_plural = _("文件办理记录")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.action} {self.on}"


def _aspect(label: str):
    return models.CharField(label, max_length=10, choices=AspectResult.choices)


class LegalityReview(models.Model):
    """合法性审核意见书: three aspects, each with a result and an opinion (国办发〔2018〕115号, docs/law.md ND-10)."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("规范性文件")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("审核人账号")
    )
    reviewer_name = models.CharField(_("审核人"), max_length=50)
    body = models.CharField(_("审核机构"), max_length=20, choices=ReviewBody.choices)
    reviewed_on = models.DateField(_("审核日期"))
    authority_result = _aspect(_("制定主体、权限与依据"))
    authority_opinion = models.TextField(_("制定主体、权限与依据意见"), blank=True)
    content_result = _aspect(_("内容"))
    content_opinion = models.TextField(_("内容意见"), blank=True)
    procedure_result = _aspect(_("程序"))
    procedure_opinion = models.TextField(_("程序意见"), blank=True)
    conclusion = models.CharField(_("审核结论"), max_length=10, choices=ReviewConclusion.choices)
    opinion = models.TextField(_("总体审核意见"))

    class Meta:
        verbose_name = _("合法性审核意见")
        verbose_name_plural = _("合法性审核意见")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.document} {self.reviewed_on}"

    ASPECTS = ("authority", "content", "procedure")

    def aspects(self) -> list[tuple[str, str, str]]:
        return [
            (
                str(self._meta.get_field(f"{a}_result").verbose_name),
                getattr(self, f"get_{a}_result_display")(),
                getattr(self, f"{a}_opinion"),
            )
            for a in self.ASPECTS
        ]


class PrecheckFlag(VersionedModel):
    """A suspect passage found by the automatic pre-check; the reviewer confirms or dismisses it."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="flags", verbose_name=_("规范性文件")
    )
    rule_code = models.CharField(_("规则"), max_length=30)
    rule_label = models.CharField(_("可能违反的规定"), max_length=100)
    rule_source = models.CharField(_("依据"), max_length=200)
    passage = models.CharField(_("可疑段落"), max_length=500)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    status = models.CharField(_("处理状态"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.PENDING)
    note = models.TextField(_("审核人说明"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("处理人")
    )
    decided_on = models.DateField(_("处理日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("预审提示")
        verbose_name_plural = _("预审提示")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.rule_label}：{self.passage}"


class CleanupCampaign(ScopedModel, TimeStampedModel):
    """清理: a campaign that lists every document in force in the area (纲要（九）动态清理, docs/law.md ND-16)."""

    scope_module = Module.DOCUMENTS

    title = models.CharField(_("清理名称"), max_length=200)
    started_on = models.DateField(_("开始日期"))
    reason = models.TextField(_("清理事由"), blank=True)

    class Meta:
        verbose_name = _("规范性文件清理")
        verbose_name_plural = _("规范性文件清理")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupItem(VersionedModel):
    campaign = models.ForeignKey(
        CleanupCampaign, on_delete=models.CASCADE, related_name="items", verbose_name=_("清理")
    )
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_items", verbose_name=_("规范性文件")
    )
    decision = models.CharField(_("清理结论"), max_length=10, choices=CleanupDecision.choices, blank=True)
    note = models.TextField(_("说明"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("清理文件")
        verbose_name_plural = _("清理文件")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "document"], name="documents_cleanup_once")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.document}"
