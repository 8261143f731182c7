from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("起草")
    CONSULTING = "consulting", _("征求意见中")
    REVIEWING = "reviewing", _("合法性审核中")
    REVIEWED = "reviewed", _("审核通过")
    DELIBERATED = "deliberated", _("已集体审议")
    ISSUED = "issued", _("已登记公布")
    FILED = "filed", _("已报送备案")
    REPEALED = "repealed", _("已废止")


IN_FORCE = (DocumentStatus.ISSUED, DocumentStatus.FILED)


class ReviewBody(models.TextChoices):
    # 乡镇可确定审核机构，也可依托法律顾问、公职律师 (国办发〔2018〕115号, docs/law.md ND-11)
    JUDICIAL_OFFICE = "judicial_office", _("司法所")
    LEGAL_ADVISER = "legal_adviser", _("法律顾问")


class AspectResult(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    UNLAWFUL = "unlawful", _("不合法")
    AMEND = "amend", _("需修改")


class ReviewConclusion(models.TextChoices):
    PASS = "pass", _("审核通过")
    RETURN = "return", _("退回修改")


class FlagStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("确认存在问题")
    DISMISSED = "dismissed", _("排除")


class CleanupDecision(models.TextChoices):
    KEEP = "keep", _("保留")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")
