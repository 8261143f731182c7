"""工作台账: record types that admins define in the browser, and the entries staff record against them.

A type's measures and optional fields are rows, not columns: a new type needs no code change and no migration,
and each measure becomes a report metric (fazhi/ledger/metrics.py).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.uploads import ContentValidator
from fazhi.ledger.choices import Section


class RecordType(ScopedModel):
    scope_module = Module.LEDGER

    name = models.CharField(_("台账名称"), max_length=60)
    section = models.CharField(_("报告部分"), max_length=20, choices=Section.choices)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("台账类型")
        verbose_name_plural = _("台账类型")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"], name="ledger_type_unique", violation_error_message=_("已有同名的台账类型。")
            )
        ]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    record_type = models.ForeignKey(RecordType, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("指标名称"), max_length=40)
    unit = models.CharField(_("单位"), max_length=10)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("统计指标")
        verbose_name_plural = _("统计指标")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "name"],
                name="ledger_measure_unique",
                violation_error_message=_("该台账已有同名指标。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"

    @property
    def metric_key(self) -> str:
        return f"ledger.t{self.record_type_id}_m{self.pk}"


class FieldDef(models.Model):
    record_type = models.ForeignKey(RecordType, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(_("字段名称"), max_length=40)
    required = models.BooleanField(_("必填"), default=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("附加字段")
        verbose_name_plural = _("附加字段")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "name"],
                name="ledger_field_unique",
                violation_error_message=_("该台账已有同名字段。"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Entry(ScopedModel):
    scope_module = Module.LEDGER

    record_type = models.ForeignKey(RecordType, on_delete=models.PROTECT, related_name="entries")
    occurred_on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)
    extra = models.JSONField(_("附加字段"), default=dict, blank=True)  # {FieldDef.pk (str): text}
    attachment = models.FileField(
        _("附件"),
        upload_to="ledger/%Y/",
        blank=True,
        validators=[ContentValidator(["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"])],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("台账记录")
        verbose_name_plural = _("台账记录")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.record_type.name}"


class EntryValue(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("数值"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("指标数值")
        verbose_name_plural = _("指标数值")
        constraints = [models.UniqueConstraint(fields=["entry", "measure"], name="ledger_value_unique")]

    def __str__(self) -> str:
        return f"{self.measure.name} {self.value}"
