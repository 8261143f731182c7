from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """Where a record type's figures go in the annual report (AR-05's five sections; 一 split as the seed does)."""

    LEADERSHIP = "leadership", _("一、主要举措和成效：加强组织领导")
    STUDY = "study", _("一、主要举措和成效：能力培训与学法")
    PUBLICITY = "publicity", _("一、主要举措和成效：普法宣传")
    GOVERNANCE = "governance", _("一、主要举措和成效：基层治理与平安建设")
    ADMINISTRATION = "administration", _("一、主要举措和成效：依法行政")
    SHORTCOMINGS = "shortcomings", _("二、存在的不足和原因")
    FIRST_DUTY = "first_duty", _("三、第一责任人履职")
    NEXT_YEAR = "next_year", _("四、下一年度主要安排")
    OTHER = "other", _("五、其他需要报告的情况")
