from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.concurrency import VersionedModel
from fazhi.core.encryption import EncryptedDateField, EncryptedTextField
from fazhi.core.models import TimeStampedModel
from fazhi.people.choices import ResidentStatus, Sex


class Household(ScopedModel, VersionedModel, TimeStampedModel):
    """户: belongs to one grid (its `area`)."""

    scope_module = Module.PEOPLE

    number = models.CharField(_("户编号"), max_length=30)
    head_name = models.CharField(_("户主姓名"), max_length=50)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    member_count = models.PositiveSmallIntegerField(_("家庭人口"), default=0)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("户")
        ordering = ["area__path", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "number"],
                name="people_household_number_unique",
                violation_error_message=_("本网格已有该户编号。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.head_name}"


class Resident(ScopedModel, VersionedModel, TimeStampedModel):
    """居民. `area` is the grid (the household's grid when the resident has one).

    身份证号, phone and birth date are encrypted at rest (fazhi.core.encryption; 个人信息保护法 第五十一条); the first
    two are found by their blind index and shown through the stored masks, the birth date only as its year; a full
    value is read only by `resident_reveal`. The birth date is the 出生日期码 of the 身份证号 (GB 11643-1999 §6):
    kept in plaintext beside the mask it restores the number, so only its year is plaintext (for counting by age).
    """

    scope_module = Module.PEOPLE

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="residents", verbose_name=_("户")
    )
    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = models.CharField(_("姓名拼音"), max_length=200, blank=True, editable=False)
    name_initials = models.CharField(_("姓名首字母"), max_length=50, blank=True, editable=False, db_index=True)
    sex = models.CharField(_("性别"), max_length=10, choices=Sex.choices, blank=True)
    birth_date = EncryptedDateField(_("出生日期"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True, editable=False)
    id_number = EncryptedTextField(_("身份证号"), blank=True)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, blank=True, editable=False)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ResidentStatus.choices, default=ResidentStatus.RESIDENT)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("居民")
        verbose_name_plural = _("居民")
        ordering = ["area__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=~Q(id_number_hash=""),
                name="people_resident_id_number_unique",
                violation_error_message=_("该身份证号已登记。"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ResidentTag(models.Model):
    """One tag (数据字典 people.tag code) on one resident."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="tags", verbose_name=_("居民"))
    code = models.CharField(_("标签"), max_length=50)

    class Meta:
        verbose_name = _("居民标签")
        verbose_name_plural = _("居民标签")
        constraints = [models.UniqueConstraint(fields=["resident", "code"], name="people_resident_tag_unique")]

    def __str__(self) -> str:
        return self.code


class Reveal(models.Model):
    """查看完整个人信息的记录: who read which full value of whom, and why (PIPL 第五十一条; docs/law.md SEC-16)."""

    class Field(models.TextChoices):
        ID_NUMBER = "id_number", _("身份证号")
        PHONE = "phone", _("联系电话")
        BIRTH_DATE = "birth_date", _("出生日期")

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="reveals", verbose_name=_("居民"))
    field = models.CharField(_("字段"), max_length=20, choices=Field.choices)
    reason = models.CharField(_("理由"), max_length=200)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("查看人"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = _("个人信息查看记录")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_field_display()}"


class ImportJob(ScopedModel):
    """One Excel upload: dry run first (errors listed, nothing saved), then a confirmed all-or-nothing import.

    `area` is the uploader's area (the widest one where they may change residents): colleagues there see the job.
    """

    scope_module = Module.PEOPLE

    class Status(models.TextChoices):
        CHECKED = "checked", _("已校验")
        INVALID = "invalid", _("有错误")
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("导入人"))
    file = models.FileField(_("文件"), upload_to="people/imports/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    total = models.PositiveIntegerField(_("行数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("居民导入")
        verbose_name_plural = _("居民导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0
