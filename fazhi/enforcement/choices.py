from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    INSPECTION = "inspection", _("行政检查")
    PENALTY = "penalty", _("行政处罚")
    COMPULSORY = "compulsory", _("行政强制")
    LICENSING = "licensing", _("行政许可")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("立案")
    LEGAL_REVIEWED = "legal_reviewed", _("法制审核通过")
    DECIDED = "decided", _("已作出决定")
    PUBLISHED = "published", _("已公示")


class RecordStep(models.TextChoices):
    # 全过程记录的四个环节 (国办发〔2018〕118号; 行政处罚法 第四十七条; docs/law.md LE-07/LE-26)
    START = "start", _("执法启动")
    INVESTIGATION = "investigation", _("调查取证")
    DECISION = "decision", _("审核决定")
    EXECUTION = "execution", _("送达执行")


class RecordKind(models.TextChoices):
    DOCUMENT = "document", _("文书")
    PHOTO = "photo", _("照片")
    AUDIO = "audio", _("录音")
    VIDEO = "video", _("录像")


class ReviewConclusion(models.TextChoices):
    # 法制审核 书面意见: 同意 / 存在问题 (国办发〔2018〕118号; docs/law.md LE-13)
    APPROVED = "approved", _("同意")
    PROBLEMS = "problems", _("存在问题")


class PublicationKind(models.TextChoices):
    # 事后公开 (国办发〔2018〕118号; docs/law.md LE-04)
    DECISION = "decision", _("行政许可、行政处罚决定")
    RESULT = "result", _("执法结果")


class InspectionKind(models.TextChoices):
    # The kinds township reports count apart (a platform convention, not law). "inspection" stays for the checks
    # recorded before the kinds were told apart, and serves for any check that fits none of the others.
    SPECIAL = "special", _("专项督查")
    FILE_REVIEW = "file_review", _("案卷评查")
    ROUTINE = "routine", _("日常检查")
    JOINT = "joint", _("联合执法检查")
    INSPECTION = "inspection", _("执法检查")
