from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    # 信访工作条例 第十七条: 网络、书信、电话、传真、走访 (docs/law.md PET-01)
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("电话")
    FAX = "fax", _("传真")


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
