from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupPost(models.TextChoices):
    """Posts in the leading group, in the seed's order (组长 may be held by two people: 双组长)."""

    LEADER = "leader", _("组长")
    FIRST_DEPUTY = "first_deputy", _("第一副组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("成员")
    OFFICE = "office", _("办公室主任")


POST_ORDER = {
    GroupPost.LEADER: 0,
    GroupPost.FIRST_DEPUTY: 1,
    GroupPost.DEPUTY: 2,
    GroupPost.MEMBER: 3,
    GroupPost.OFFICE: 4,
}


class MeetingKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("党委会")
    GOVERNMENT_STANDING = "government_standing", _("政府常务会")
    THEMATIC = "thematic", _("专题会")
    STUDY_GROUP = "study_group", _("党委理论学习中心组学习")


class TaskProgress(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已完成")


class DutyKind(models.TextChoices):
    """第一责任人 duties: the checklist items, 述法 and 出庭应诉 (docs/law.md LD-01, LD-11, GY-09)."""

    CHECKLIST = "checklist", _("履职事项")
    LAW_REPORT = "law_report", _("述法")
    COURT_APPEARANCE = "court_appearance", _("出庭应诉")
