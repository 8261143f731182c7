"""Codes stored in the database (English) with the Chinese labels users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# 数据字典 categories (admin-extendable lists).
DISPUTE_TYPE = "mediation.dispute_type"
DISPUTE_TYPE_DEFAULTS = [
    ("marriage_family", "婚姻家庭"),
    ("neighbour", "邻里"),
    ("land_forest", "土地林权"),
    ("wages", "劳动报酬"),
    ("damages", "损害赔偿"),
    ("contract", "合同"),
    ("land_acquisition", "征地拆迁"),
    ("other", "其他"),
]
MEDIATOR_KIND = "mediation.mediator_kind"
MEDIATOR_KIND_DEFAULTS = [
    ("committee_member", "村调委会委员"),
    ("first_secretary", "驻村第一书记"),
    ("worthy", "乡贤"),
    ("legal_adviser", "法律顾问"),
    ("justice_staff", "司法所工作人员"),
    ("full_time", "专职调解员"),
]


class BodyKind(models.TextChoices):
    VILLAGE_COMMITTEE = "village_committee", _("村（居）人民调解委员会")
    TOWNSHIP_COMMITTEE = "township_committee", _("乡（镇）人民调解委员会")
    STUDIO = "studio", _("调解工作室")


class Tier(models.TextChoices):
    # The seed's three handling tiers: 简易纠纷现场调解、一般纠纷工作室化解、疑难纠纷领导包案限期办结
    # (local practice, docs/law.md MED-21 — owners and deadlines are configurable deadline rules).
    SIMPLE = "simple", _("简易（现场调解）")
    GENERAL = "general", _("一般（工作室化解）")
    DIFFICULT = "difficult", _("疑难（领导包案限期办结）")


TIER_ORDER = [Tier.SIMPLE, Tier.GENERAL, Tier.DIFFICULT]


class DisputeSource(models.TextChoices):
    MATTER = "matter", _("群众说事转入")
    WALK_IN = "walk_in", _("当事人申请")
    COURT = "court", _("法院委托移送")
    POLICE = "police", _("公安移送")
    PETITION = "petition", _("信访转入")
    ONLINE = "online", _("网上申请")
    PROACTIVE = "proactive", _("主动排查")


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("调解中")
    RESOLVED = "resolved", _("调解成功")
    FAILED = "failed", _("调解不成")
    TERMINATED = "terminated", _("终止调解")


CLOSED_STATUSES = [DisputeStatus.RESOLVED, DisputeStatus.FAILED, DisputeStatus.TERMINATED]


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")
    OTHER = "other", _("其他当事人")


class AgreementForm(models.TextChoices):
    WRITTEN = "written", _("书面协议")
    ORAL = "oral", _("口头协议")


class Performance(models.TextChoices):
    PENDING = "pending", _("待履行")
    PERFORMED = "performed", _("已履行")
    PARTLY = "partly", _("部分履行")
    NOT_PERFORMED = "not_performed", _("未履行")


class ConfirmationResult(models.TextChoices):
    PENDING = "pending", _("审查中")
    CONFIRMED = "confirmed", _("确认有效")
    REJECTED = "rejected", _("驳回申请")
