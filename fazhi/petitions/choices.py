from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """来源渠道 (信访形式). 信访工作条例 第十七条 names 信息网络、书信、电话、传真、走访 "等形式" (docs/law.md PET-01);
    the rest are the routes township reports count apart: the 12345 hotline into which local hotlines merged
    (国办发〔2020〕53号), a grid member's finding, a 群众说事 session. A petition 转送、交办 from above is the
    `transferred_in` flag, not a channel: its own clock runs from it (第二十三条), whatever form the petitioner used."""

    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("电话")
    FAX = "fax", _("传真")
    HOTLINE = "hotline", _("12345热线")
    GRID = "grid", _("网格员发现")
    TALK = "talk", _("群众说事")
    OTHER = "other", _("其他")


class Kind(models.TextChoices):
    # 信访工作条例 第二十九条 (docs/law.md PET-11)
    SUGGESTION = "suggestion", _("建议意见类")
    ACCUSATION = "accusation", _("检举控告类")
    APPEAL = "appeal", _("申诉求决类")


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ACCEPTED = "accepted", _("已受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    OBJECTED = "objected", _("已提出异议退回")
    REPLIED = "replied", _("已出具处理意见")
    REVIEW = "review", _("复查中")
    REVIEWED = "reviewed", _("已复查")
    RECHECK = "recheck", _("复核中")
    FINAL = "final", _("已复核（终结）")


OPEN_STATUSES = [Status.REGISTERED, Status.ACCEPTED, Status.REVIEW, Status.RECHECK]
# Statuses in which the matter counts as accepted (for duplicate detection, 第十九条).
ACCEPTED_STATUSES = [Status.ACCEPTED, Status.REPLIED, Status.REVIEW, Status.REVIEWED, Status.RECHECK, Status.FINAL]


class Decision(models.TextChoices):
    # 信访工作条例 第三十二条: 支持 / 解释说明 / 不予支持 (docs/law.md PET-13)
    SUPPORT = "support", _("支持")
    EXPLAIN = "explain", _("解释说明")
    REJECT = "reject", _("不予支持")


class Stabilisation(models.TextChoices):
    PETITIONING = "petitioning", _("在访")
    STABILISING = "stabilising", _("稳控中")
    SETTLED = "settled", _("息访息诉")
