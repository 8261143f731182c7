from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import VIEW, Module
from fazhi.areas.scoping import ScopedModel, scope_q
from fazhi.core.concurrency import VersionedModel
from fazhi.counsel.choices import (
    LOSING_OUTCOMES,
    PASSING_CONCLUSIONS,
    AdviserLevel,
    CaseKind,
    CaseOutcome,
    OpinionKind,
    ReviewConclusion,
)


class Adviser(ScopedModel):
    """法律顾问 retained by the township (纲要(2021—2025) 重大决策合法性审查须有法律顾问参与 — docs/law.md MD-12)."""

    scope_module = Module.COUNSEL

    name = models.CharField(_("顾问（律师）"), max_length=40)
    firm = models.CharField(_("顾问单位"), max_length=80, blank=True)
    # Whom the adviser serves, which need not be the area they are registered in: a township may keep its village
    # advisers on its own register. Blank at registration means the area's level (services.adviser_create).
    level = models.CharField(_("顾问层级"), max_length=10, choices=AdviserLevel.choices)
    contract_from = models.DateField(_("聘期起"))
    contract_to = models.DateField(_("聘期止"))

    class Meta:
        verbose_name = _("法律顾问")
        verbose_name_plural = _("法律顾问")
        ordering = ["-contract_to", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_to__gte=F("contract_from")),
                name="counsel_contract_ordered",
                violation_error_message=_("聘期止不能早于聘期起。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.firm}）" if self.firm else self.name


class DutyDay(models.Model):
    adviser = models.ForeignKey(Adviser, on_delete=models.CASCADE, related_name="duty_days", verbose_name=_("顾问"))
    on = models.DateField(_("坐班日期"))
    place = models.CharField(_("地点"), max_length=60, blank=True)
    note = models.CharField(_("工作内容"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("坐班值班")
        verbose_name_plural = _("坐班值班")
        ordering = ["-on"]
        constraints = [models.UniqueConstraint(fields=["adviser", "on"], name="counsel_duty_day_unique")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d}"


class Opinion(models.Model):
    adviser = models.ForeignKey(Adviser, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("顾问"))
    issued_on = models.DateField(_("出具日期"))
    kind = models.CharField(_("类别"), max_length=20, choices=OpinionKind.choices)
    subject = models.CharField(_("事项"), max_length=200)

    class Meta:
        verbose_name = _("法律意见/审查")
        verbose_name_plural = _("法律意见/审查")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.subject


class Consultation(ScopedModel):
    """法律咨询 received (人次); a dispute found here may be referred to mediation."""

    scope_module = Module.COUNSEL

    received_on = models.DateField(_("日期"))
    person = models.CharField(_("咨询人"), max_length=40, blank=True)
    topic = models.CharField(_("咨询事项"), max_length=200)
    headcount = models.PositiveIntegerField(_("人次"), default=1)
    referred_to_mediation = models.BooleanField(_("转人民调解"), default=False)
    adviser = models.ForeignKey(
        Adviser,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("接待顾问"),
    )

    class Meta:
        verbose_name = _("法律咨询")
        verbose_name_plural = _("法律咨询")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} {self.topic}"

    @property
    def person_masked(self) -> str:
        """Names in lists are shown as 张*三 (docs/law.md SEC-20)."""
        name = self.person
        if len(name) <= 1:
            return name
        if len(name) == 2:
            return name[0] + "*"
        return name[0] + "*" * (len(name) - 2) + name[-1]


class ContractReview(ScopedModel, VersionedModel):
    """合同合法性审查: a contract the township (or a village) means to sign, reviewed before signing."""

    scope_module = Module.COUNSEL

    title = models.CharField(_("合同名称"), max_length=200)
    counterparty = models.CharField(_("合同相对方"), max_length=120)
    amount = models.DecimalField(_("合同金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    drafting_unit = models.CharField(_("承办（起草）单位"), max_length=80)
    submitted_on = models.DateField(_("送审日期"))
    reviewer = models.ForeignKey(
        Adviser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract_reviews",
        verbose_name=_("审查顾问"),
    )
    reviewed_on = models.DateField(_("审查日期"), null=True, blank=True)
    conclusion = models.CharField(_("审查结论"), max_length=30, choices=ReviewConclusion.choices, blank=True)
    opinion = models.TextField(_("审查意见"), blank=True)
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("合同合法性审查")
        verbose_name_plural = _("合同合法性审查")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            # 合法性审查 before signing (see services.contract_sign) also holds in the database.
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(conclusion__in=PASSING_CONCLUSIONS),
                name="counsel_contract_signed_after_passing_review",
                violation_error_message=_("合同未经合法性审查通过，不得签订。"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_passed(self) -> bool:
        return self.conclusion in PASSING_CONCLUSIONS


class LegalCase(ScopedModel, VersionedModel):
    """行政复议、行政诉讼 case in which the township (or its village) is the respondent/defendant."""

    scope_module = Module.COUNSEL

    kind = models.CharField(_("类别"), max_length=20, choices=CaseKind.choices)
    case_number = models.CharField(_("案号"), max_length=60)
    claimant = models.CharField(_("申请人（原告）"), max_length=120)
    subject = models.CharField(_("被申请（被诉）行为"), max_length=200)
    filed_on = models.DateField(_("受理（立案）日期"))
    organ = models.CharField(_("复议机关（法院）"), max_length=80)
    outcome = models.CharField(_("结果"), max_length=20, choices=CaseOutcome.choices, default=CaseOutcome.PENDING)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("行政复议、诉讼案件")
        verbose_name_plural = _("行政复议、诉讼案件")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "case_number"], name="counsel_legal_case_number_unique"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, outcome=CaseOutcome.PENDING)
                | (Q(closed_on__isnull=False) & ~Q(outcome=CaseOutcome.PENDING)),
                name="counsel_legal_case_closed_with_outcome",
                violation_error_message=_("结案须同时填写结果和结案日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.subject}"

    @property
    def is_lost(self) -> bool:
        return self.outcome in LOSING_OUTCOMES


class CourtAppearanceQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        """Appearances in the cases `user` may see (an appearance has no area of its own: its case's counts)."""
        return self.filter(scope_q(user, Module.COUNSEL, action, "case__area__path"))


class CourtAppearance(models.Model):
    """负责人出庭应诉: who appeared for the township at a hearing (行政诉讼法 第三条第三款; docs/law.md REC-05)."""

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("案件"))
    hearing_on = models.DateField(_("开庭日期"))
    leader_name = models.CharField(_("出庭负责人"), max_length=40)
    leader_post = models.CharField(_("职务"), max_length=40)
    is_principal = models.BooleanField(_("是否主要负责人"), default=False)

    objects = CourtAppearanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("负责人出庭应诉")
        verbose_name_plural = _("负责人出庭应诉")
        ordering = ["-hearing_on", "-id"]

    def __str__(self) -> str:
        return f"{self.hearing_on:%Y-%m-%d} {self.leader_name}"
