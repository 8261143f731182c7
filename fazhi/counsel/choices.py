from django.db import models
from django.utils.translation import gettext_lazy as _


class OpinionKind(models.TextChoices):
    LEGAL_OPINION = "legal_opinion", _("法律意见")
    CONTRACT_REVIEW = "contract_review", _("合同审查")
    DOCUMENT_REVIEW = "document_review", _("规范性文件审查")
    DECISION_REVIEW = "decision_review", _("重大决策合法性审查")
    LITIGATION = "litigation", _("代理复议诉讼")
    OTHER = "other", _("其他")
