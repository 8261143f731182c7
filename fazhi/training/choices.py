from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    CENTER_GROUP = "center_group", _("党委理论学习中心组学习")
    STAFF_MEETING = "staff_meeting", _("干部职工会集中学习")
    SEMINAR = "seminar", _("专题研讨")
    PRE_MEETING = "pre_meeting", _("会前学法")
    LAW_LECTURE = "law_lecture", _("法治专题讲座")
    LAW_TRAINING = "law_training", _("法治培训")
    LAW_LITERATE = "law_literate", _("法律明白人培训")


# The seed's "集中学习12次" (一(二)): 党委理论学习中心组、干部职工会等 — the collective study kinds.
COLLECTIVE_STUDY = [SessionKind.CENTER_GROUP, SessionKind.STAFF_MEETING, SessionKind.SEMINAR]
