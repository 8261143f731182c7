from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.models import TimeStampedModel


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("起草")
    CONSULTING = "consulting", _("公开征求意见中")
    REVIEWING = "reviewing", _("合法性审查中")
    DISCUSSED = "discussed", _("已集体讨论决定")


class Decision(ScopedModel, TimeStampedModel):
    """重大行政决策 (重大行政决策程序暂行条例, DOMAIN.md MD-*)."""

    scope_module = Module.DECISIONS

    title = models.CharField(_("决策事项"), max_length=200)
    year = models.PositiveSmallIntegerField(_("目录年度"))
    status = models.CharField(
        _("状态"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT, editable=False
    )
    comment_started_on = models.DateField(_("征求意见开始日"), null=True, blank=True, editable=False)
    comment_shortened_reason = models.CharField(_("缩短征求意见期限理由"), max_length=200, blank=True, editable=False)
    review_started_on = models.DateField(_("提交合法性审查日"), null=True, blank=True, editable=False)
    discussed_on = models.DateField(_("集体讨论日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class DecisionEvent(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events", verbose_name=_("决策"))
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=DecisionStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=DecisionStatus.choices)
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )

    class Meta:
        verbose_name = _("决策办理记录")
        verbose_name_plural = _("决策办理记录")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.action}"
