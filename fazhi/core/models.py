from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(AbstractLogEntry):
    """操作留痕: who changed what, when, from where, before and after (written by django-auditlog).

    Our own model from day one so that later work (hash chaining, archiving) needs no model swap.
    """

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [models.Index(fields=["timestamp"], name="audit_timestamp_idx")]


class DictionaryEntry(models.Model):
    """数据字典: one admin-editable list item (category, stable code, Chinese label)."""

    category = models.CharField(_("字典类别"), max_length=50)
    code = models.CharField(_("代码"), max_length=50)
    label = models.CharField(_("名称"), max_length=100)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("字典项")
        verbose_name_plural = _("字典项")
        ordering = ["category", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="dictionary_code_unique")]

    def __str__(self) -> str:
        return self.label


class CalendarDay(models.Model):
    """A day whose working status differs from the Monday–Friday default: a holiday or a 调休 workday."""

    class Source(models.TextChoices):
        PACKAGE = "package", _("国务院办公厅节假日安排（chinese-calendar）")
        MANUAL = "manual", _("系统管理员维护")

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=50, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class DayUnit(models.TextChoices):
    WORKING = "working", _("工作日")
    NATURAL = "natural", _("自然日")


class DeadlineRule(models.Model):
    """A statutory or local period as a versioned parameter with its legal source (DOMAIN.md: never constants).

    A case fixes the version in force when it opens, so later edits never move a running deadline.
    """

    key = models.CharField(_("规则代码"), max_length=60)
    version = models.PositiveIntegerField(_("版本"), default=1)
    label = models.CharField(_("名称"), max_length=100)
    days = models.PositiveIntegerField(_("期限（日）"))
    unit = models.CharField(_("计日方式"), max_length=10, choices=DayUnit.choices)
    source = models.CharField(_("依据"), max_length=200)
    certainty = models.CharField(_("核实程度"), max_length=4, blank=True, help_text=_("V/V2/M/C，见 DOMAIN.md"))
    valid_from = models.DateField(_("施行日期"))

    class Meta:
        verbose_name = _("期限规则")
        verbose_name_plural = _("期限规则")
        ordering = ["key", "-version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="deadline_rule_version_unique")]

    def __str__(self) -> str:
        return f"{self.label}（{self.days}{self.get_unit_display()}）"


class Deadline(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("计时中")
        SUSPENDED = "suspended", _("已中止")
        DONE = "done", _("已办结")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, verbose_name=_("期限规则"))
    start_date = models.DateField(_("起算日"))
    due_date = models.DateField(_("届满日"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    suspended_on = models.DateField(_("中止日"), null=True, blank=True)
    done_on = models.DateField(_("办结日"), null=True, blank=True)

    class Meta:
        verbose_name = _("办理期限")
        verbose_name_plural = _("办理期限")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="deadline_subject_idx"),
            models.Index(fields=["status", "due_date"], name="deadline_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.label} {self.due_date}"


class DeadlineEvent(models.Model):
    class Kind(models.TextChoices):
        START = "start", _("起算")
        SUSPEND = "suspend", _("中止")
        RESUME = "resume", _("恢复")
        EXTEND = "extend", _("延长")
        DONE = "done", _("办结")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("日期"))
    days = models.IntegerField(_("天数"), default=0)
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    due_after = models.DateField(_("事件后届满日"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"
