from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.models import TimeStampedModel


class Officer(ScopedModel, TimeStampedModel):
    """执法人员 with their 行政执法证. Training hours live in the training app and are not shown here."""

    scope_module = Module.ENFORCEMENT

    name = models.CharField(_("姓名"), max_length=50)
    certificate_no = models.CharField(_("执法证号"), max_length=40)
    certificate_valid_until = models.DateField(_("执法证有效期至"))

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["certificate_no"], name="enforcement_officer_certificate_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CaseStatus(models.TextChoices):
    OPEN = "open", _("立案")
    LEGAL_REVIEWED = "legal_reviewed", _("法制审核通过")
    DECIDED = "decided", _("已作出决定")
    PUBLISHED = "published", _("已公示")


class EnforcementCase(ScopedModel, TimeStampedModel):
    scope_module = Module.ENFORCEMENT

    title = models.CharField(_("案由"), max_length=200)
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    officers = models.ManyToManyField(Officer, blank=True, related_name="cases", verbose_name=_("承办执法人员"))
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, editable=False
    )
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, editable=False)
    publication_due = models.DateField(_("公示截止日期"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("公示日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class CaseEvent(models.Model):
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("案件"))
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=CaseStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=CaseStatus.choices)
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )

    class Meta:
        verbose_name = _("案件办理记录")
        verbose_name_plural = _("案件办理记录")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"
