from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Aggregation, PeriodKind, Writing


class FigureKind(models.TextChoices):
    AGGREGATE = "aggregate", _("统计（计数、求和、去重计数）")
    RATE = "rate", _("比率（分子 ÷ 分母）")
    CHANGE = "change", _("较上年增减（%）")
    BREAKDOWN = "breakdown", _("分项（其中……）")


AGGREGATION_CHOICES = Aggregation.CHOICES
PERIOD_CHOICES = PeriodKind.CHOICES
WRITING_CHOICES = Writing.CHOICES
