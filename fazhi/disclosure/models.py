from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.models import TimeStampedModel


class BoardCategory(models.TextChoices):
    # 三务公开 + 服务公开 (党务公开条例(试行) 2017; 农村基层组织工作条例 2019 — DOMAIN.md VPO-10)
    PARTY = "party", _("党务")
    VILLAGE = "village", _("村务")
    FINANCE = "finance", _("财务")
    SERVICE = "service", _("服务")


class Frequency(models.TextChoices):
    # 村民委员会组织法 第三十条 (DOMAIN.md VPO-02): 一般事项至少每季度，财务往来较多的每月，重大事项随时
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    AD_HOC = "ad_hoc", _("随时")


class Board(ScopedModel, TimeStampedModel):
    scope_module = Module.DISCLOSURE

    category = models.CharField(_("公开类别"), max_length=20, choices=BoardCategory.choices)
    frequency = models.CharField(_("公开频次"), max_length=20, choices=Frequency.choices)
    location = models.CharField(_("公开栏位置"), max_length=200)

    class Meta:
        verbose_name = _("公开栏")
        verbose_name_plural = _("公开栏")
        ordering = ["area__path", "category"]
        constraints = [models.UniqueConstraint(fields=["area", "category"], name="disclosure_board_unique_category")]

    def __str__(self) -> str:
        return f"{self.area} {self.get_category_display()}"


class Posting(TimeStampedModel):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="postings", verbose_name=_("公开栏"))
    title = models.CharField(_("公开事项"), max_length=200)
    period_end = models.DateField(_("所属期间截止日"))
    posted_on = models.DateField(_("张贴日期"))
    removed_on = models.DateField(_("撤下日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("公开记录")
        verbose_name_plural = _("公开记录")
        ordering = ["-posted_on", "-id"]

    def __str__(self) -> str:
        return self.title
