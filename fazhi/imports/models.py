from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import VIEW
from fazhi.areas.models import Area
from fazhi.areas.scoping import scope_q
from fazhi.imports.specs import MODULES


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        """A batch is seen by whoever may `action` its module (each batch names its own) in its area."""
        q = Q(pk__in=[])
        for module in MODULES:
            q |= Q(module=module) & scope_q(user, module, action)
        return self.filter(q)


class ImportBatch(models.Model):
    """One uploaded file of one record type: checked first (errors listed, nothing saved), then imported all or
    nothing. Its audit entry, written when the import finishes, holds the row count and the created records' ids.

    `area` is the uploader's widest area where they may change the module's records: colleagues there see it.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", _("已校验")
        INVALID = "invalid", _("有错误")
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区划"))
    kind = models.CharField(_("记录类型"), max_length=40)
    kind_label = models.CharField(_("记录类型名称"), max_length=100)
    module = models.CharField(_("模块"), max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("导入人"))
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    total = models.PositiveIntegerField(_("行数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    skipped = models.PositiveIntegerField(_("已存在跳过"), default=0)
    record_ids = models.JSONField(_("新增记录"), default=list, blank=True)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ImportBatchQuerySet.as_manager()

    scope_path_field = "area__path"

    class Meta:
        verbose_name = _("Excel导入")
        verbose_name_plural = _("Excel导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_module(self) -> str:  # require_change() reads it from the record
        return self.module

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0
