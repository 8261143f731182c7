from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.counsel.choices import OpinionKind


class Adviser(ScopedModel):
    """法律顾问 retained by the township (纲要(2021—2025) 重大决策合法性审查须有法律顾问参与 — DOMAIN MD-12)."""

    scope_module = Module.COUNSEL

    name = models.CharField(_("顾问（律师）"), max_length=40)
    firm = models.CharField(_("顾问单位"), max_length=80, blank=True)
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
        """Names in lists are shown as 张*三 (DOMAIN SEC-20)."""
        name = self.person
        if len(name) <= 1:
            return name
        if len(name) == 2:
            return name[0] + "*"
        return name[0] + "*" * (len(name) - 2) + name[-1]
