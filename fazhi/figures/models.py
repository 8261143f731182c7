from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import Area
from fazhi.core.facts import Aggregation, PeriodKind, Writing
from fazhi.figures.choices import AGGREGATION_CHOICES, PERIOD_CHOICES, WRITING_CHOICES, FigureKind


class FigureDefinition(models.Model):
    """A figure as data (ARCHITECTURE rule 6): what it counts, over which records, and how a report writes it.

    Owned by no area (shipped with the platform, read-only: a user copies one to change it), by a county (the
    figures it assesses its townships on, used by each of them and by its roll-up) or by a township (its own).
    """

    key = models.CharField(_("代码"), max_length=80, unique=True, editable=False)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("定义单位")
    )
    builtin = models.BooleanField(_("平台内置"), default=False, editable=False)
    name = models.CharField(_("名称"), max_length=120)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    section = models.CharField(_("报告部分"), max_length=120, blank=True)
    phrase = models.CharField(_("报告表述"), max_length=300, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=FigureKind.choices, default=FigureKind.AGGREGATE)
    record_type = models.CharField(_("记录类型"), max_length=80, blank=True)
    aggregation = models.CharField(
        _("统计方式"), max_length=20, choices=AGGREGATION_CHOICES, default=Aggregation.COUNT, blank=True
    )
    field = models.CharField(_("统计字段"), max_length=80, blank=True)
    filters = models.JSONField(_("筛选条件"), default=list, blank=True)
    period = models.CharField(
        _("统计期间"), max_length=20, choices=PERIOD_CHOICES, default=PeriodKind.WITHIN, blank=True
    )
    writing = models.CharField(_("写法"), max_length=20, choices=WRITING_CHOICES, default=Writing.EXACT)
    numerator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("分子")
    )
    denominator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("分母")
    )
    base = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("基础指标")
    )
    dimension = models.CharField(_("分项依据"), max_length=60, blank=True)
    decimals = models.PositiveSmallIntegerField(_("小数位数"), default=1)
    is_active = models.BooleanField(_("启用"), default=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("更新人"),
        editable=False,
    )

    class Meta:
        verbose_name = _("指标定义")
        verbose_name_plural = _("指标定义")
        ordering = ["area__path", "section", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(decimals__lte=4), name="figures_definition_decimals_at_most_4"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner_label(self) -> str:
        return self.area.name if self.area_id else str(_("平台内置"))
