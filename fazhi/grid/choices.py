from django.db import models
from django.utils.translation import gettext_lazy as _

CATEGORY = "grid.matter_category"

# 群众说事 categories (issue 3); admins extend them in 数据字典. Each has a handling period in working days,
# declared as a deadline rule "grid.matter.<code>" (docs/law.md GRID-08: local values, configurable).
CATEGORY_DEFAULTS = [
    ("dispute", _("矛盾纠纷")),
    ("neighbour", _("邻里关系")),
    ("land_forest", _("土地林权")),
    ("family", _("婚姻家庭")),
    ("wages", _("劳动报酬")),
    ("safety", _("安全隐患")),
    ("sanitation", _("环境卫生")),
    ("livelihood", _("民生诉求")),
    ("policy", _("政策咨询")),
    ("other", _("其他")),
]

# Default handling periods (working days) per category; [C] engineering convention, not law (GRID-08).
CATEGORY_DAYS = {
    "dispute": 10,
    "neighbour": 10,
    "land_forest": 15,
    "family": 10,
    "wages": 10,
    "safety": 3,
    "sanitation": 5,
    "livelihood": 10,
    "policy": 5,
    "other": 10,
}


class StaffPost(models.TextChoices):
    """一长三员 (Chongqing "1+3+N", docs/law.md GRID-02)."""

    LEADER = "leader", _("网格长")
    FULL_TIME = "full_time", _("专职网格员")
    PART_TIME = "part_time", _("兼职网格员")
    INSTRUCTOR = "instructor", _("网格指导员")


class MatterSource(models.TextChoices):
    """来源渠道: the routes township reports count matters by (a platform convention, not law; the same routes as a
    petition's channel where both have them)."""

    GRID_REPORT = "grid_report", _("网格员发现")
    WALK_IN = "walk_in", _("群众来访")
    TALK = "talk", _("群众说事")
    LETTER = "letter", _("来信")
    PHONE = "phone", _("电话")
    HOTLINE = "hotline", _("12345热线")
    WEBSITE = "website", _("公开网站")
    ASSIGNED = "assigned", _("上级交办")
    OTHER = "other", _("其他")


class MatterStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    IN_PROGRESS = "in_progress", _("处理中")
    CLOSED = "closed", _("已办结")
    TO_MEDIATION = "to_mediation", _("已转调解")
    TO_PETITION = "to_petition", _("已转信访")
    FOLLOWED_UP = "followed_up", _("已回访")


OPEN_STATUSES = (MatterStatus.REGISTERED, MatterStatus.IN_PROGRESS)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    FAIRLY = "fairly", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")
