from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.models import TimeStampedModel


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("起草")
    REVIEWING = "reviewing", _("合法性审核中")
    REVIEWED = "reviewed", _("审核通过")
    DELIBERATED = "deliberated", _("已集体审议")
    ISSUED = "issued", _("已登记公布")
    FILED = "filed", _("已报送备案")


class NormativeDocument(ScopedModel, TimeStampedModel):
    """一件乡镇规范性文件，从起草到报送备案 (DOMAIN.md ND-01…ND-15)."""

    scope_module = Module.DOCUMENTS

    title = models.CharField(_("文件标题"), max_length=200)
    body = models.TextField(_("文件正文"))
    status = models.CharField(
        _("状态"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT, editable=False
    )
    review_submitted_on = models.DateField(_("提请审核日期"), null=True, blank=True, editable=False)
    review_opinion = models.TextField(_("审核意见"), blank=True, editable=False)
    deliberated_on = models.DateField(_("集体审议日期"), null=True, blank=True, editable=False)
    registration_no = models.CharField(_("登记编号"), max_length=60, blank=True, editable=False)
    issued_on = models.DateField(_("公布日期"), null=True, blank=True, editable=False)
    filing_due = models.DateField(_("备案截止日期"), null=True, blank=True, editable=False)
    filed_on = models.DateField(_("报送备案日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("规范性文件")
        verbose_name_plural = _("规范性文件")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


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
