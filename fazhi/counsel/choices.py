from django.db import models
from django.utils.translation import gettext_lazy as _


class AdviserLevel(models.TextChoices):
    # Township reports count the township's own advisers apart from the villages' (一村（社区）一法律顾问).
    COUNTY = "county", _("县级法律顾问")
    TOWNSHIP = "township", _("乡镇（街道）法律顾问")
    VILLAGE = "village", _("村（社区）法律顾问")


class OpinionKind(models.TextChoices):
    DECISION_REVIEW = "decision_review", _("重大决策合法性审查")
    CONTRACT_REVIEW = "contract_review", _("合同审查")
    DOCUMENT_REVIEW = "document_review", _("规范性文件审查")
    PETITION_DISPUTE = "petition_dispute", _("信访、纠纷法律意见")
    LEGAL_OPINION = "legal_opinion", _("法律意见")
    LITIGATION = "litigation", _("代理复议诉讼")
    OTHER = "other", _("其他")


class ReviewConclusion(models.TextChoices):
    PASSED = "passed", _("通过")
    PASSED_WITH_CHANGES = "passed_with_changes", _("修改后通过")
    REJECTED = "rejected", _("不通过")


PASSING_CONCLUSIONS = [ReviewConclusion.PASSED, ReviewConclusion.PASSED_WITH_CHANGES]


class CaseKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class CaseOutcome(models.TextChoices):
    PENDING = "pending", _("审理中")
    UPHELD = "upheld", _("维持")
    REVOKED = "revoked", _("撤销")
    VARIED = "varied", _("变更")
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("确认违法")
    DISMISSED = "dismissed", _("驳回")
    SETTLED = "settled", _("和解")
    WITHDRAWN = "withdrawn", _("撤回")


# Outcomes against the township (败诉/被纠错): its act was revoked, varied or confirmed illegal.
LOSING_OUTCOMES = [CaseOutcome.REVOKED, CaseOutcome.VARIED, CaseOutcome.CONFIRMED_ILLEGAL]
