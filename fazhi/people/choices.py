from django.db import models
from django.utils.translation import gettext_lazy as _

TAG = "people.tag"

# 重点人员 and groups the township cares about (issue 3); admins extend the list in 数据字典.
TAG_DEFAULTS = [
    ("key_petitioner", _("信访重点人员")),
    ("community_correction", _("社区矫正对象")),
    ("extreme_poverty", _("特困人员")),
    ("subsistence", _("低保对象")),
    ("left_behind_elderly", _("留守老人")),
    ("left_behind_child", _("留守儿童")),
    ("migrant_worker", _("外出务工")),
    ("veteran", _("退役军人")),
    ("legal_literate", _("法律明白人")),
]


class Sex(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class ResidentStatus(models.TextChoices):
    RESIDENT = "resident", _("常住")
    AWAY = "away", _("外出")
    MOVED_OUT = "moved_out", _("迁出")
    DECEASED = "deceased", _("死亡")
