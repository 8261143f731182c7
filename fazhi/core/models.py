from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, router, transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core.audit import (
    GENESIS_HASH,
    AuditImmutableError,
    compute_hash,
    configured_algorithm,
    signing_key_id,
)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class CaseEvent(models.Model):
    """One step on a case's timeline: who did what, on which day. Concrete subclasses add the FK to their case."""

    action = models.CharField(_("操作"), max_length=30)
    note = models.TextField(_("说明"), blank=True)
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.action


class AuditEntryQuerySet(models.QuerySet):
    """No bulk path edits or deletes audit entries (GB/T 22239-2019 8.1.4.3 c: 审计记录应受到保护)."""

    def update(self, **kwargs):
        raise AuditImmutableError()

    def delete(self):
        raise AuditImmutableError()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditImmutableError()

    def bulk_create(self, objs, *args, **kwargs):
        # Bulk inserts would bypass the hash chain: entries are written one at a time through save().
        raise AuditImmutableError(_("审计记录只能逐条写入。"))


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):  # type: ignore[misc]
    pass


class AuditEntry(AbstractLogEntry):
    """操作留痕: who changed what, when, from where, before and after (written by django-auditlog).

    Append-only and hash-chained (fazhi/core/audit.py): ``save()`` inserts and links a new entry, and refuses to
    update one; ``delete()`` and the queryset's update/delete/bulk paths raise ``AuditImmutableError``.
    ``manage.py audit_verify`` walks the chain.
    """

    # PROTECT instead of django-auditlog's SET_NULL/CASCADE: deleting a user or a content type must not rewrite
    # or remove audit entries (that would also break the hash chain).
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("content type")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        blank=True,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    seq = models.PositiveBigIntegerField(_("链序号"), unique=True, editable=False)
    prev_hash = models.CharField(_("前序哈希"), max_length=64, editable=False)
    entry_hash = models.CharField(_("本条哈希"), max_length=64, editable=False)
    hash_algorithm = models.CharField(_("哈希算法"), max_length=10, editable=False)
    # The id of the HMAC key (fazhi/core/audit.py, FAZHI_AUDIT_KEY); empty for entries hashed before keys.
    hash_key_id = models.CharField(_("密钥标识"), max_length=16, blank=True, default="", editable=False)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        base_manager_name = "objects"
        indexes = [models.Index(fields=["timestamp"], name="audit_timestamp_idx")]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding or kwargs.get("update_fields") is not None or kwargs.get("force_update"):
            raise AuditImmutableError()
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)

    def _do_insert(self, manager, using, fields, returning_fields, raw):
        # Called by save_base after the pre_save signal (where django-auditlog's middleware sets the actor and
        # address), so the hash covers the values that are actually inserted.
        link_to_chain(self, using=using)
        return super()._do_insert(manager, using, fields, returning_fields, raw)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError()


class AuditChainHead(models.Model):
    """The last link of the audit hash chain (one row). Writers lock it for the length of their transaction."""

    SINGLETON = 1

    seq = models.PositiveBigIntegerField(_("最新序号"), default=0)
    last_hash = models.CharField(_("最新哈希"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.seq} {self.last_hash[:12]}"


def link_to_chain(entry: AuditEntry, *, using: str) -> None:
    """Give ``entry`` its seq, prev_hash and entry_hash; must run inside the inserting transaction.

    ``UPDATE … SET seq = seq + 1`` comes first: on PostgreSQL it row-locks the head until commit, on SQLite it takes
    the database write lock, so no two transactions can read the same head.
    """
    heads = AuditChainHead.objects.using(using).filter(pk=AuditChainHead.SINGLETON)
    for _attempt in range(3):
        if heads.update(seq=models.F("seq") + 1):
            break
        # No head (a fresh or flushed database): start it from the last entry, if any.
        last = AuditEntry.objects.using(using).order_by("-seq").values("seq", "entry_hash").first()
        try:
            with transaction.atomic(using=using):
                AuditChainHead.objects.using(using).bulk_create(
                    [
                        AuditChainHead(
                            pk=AuditChainHead.SINGLETON,
                            seq=last["seq"] if last else 0,
                            last_hash=last["entry_hash"] if last else GENESIS_HASH,
                        )
                    ]
                )
        except IntegrityError:
            pass  # another writer created it first
    else:
        raise RuntimeError("audit chain head could not be locked")
    head = heads.get()
    entry.seq = head.seq
    entry.prev_hash = head.last_hash
    entry.hash_algorithm = configured_algorithm()
    entry.hash_key_id = signing_key_id()
    entry.entry_hash = compute_hash(entry)
    heads.update(last_hash=entry.entry_hash)


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
        STATUTE = "statute", _("按《全国年节及纪念日放假办法》推算")

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=50, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    # A holiday pre-filled from the 放假办法 before the year's notice is out (fazhi/core/holidays.py, docs/law.md
    # T-06): the notice may add 调休 and bridge days, so a due date counted over it is shown as provisional.
    provisional = models.BooleanField(_("待国务院通知确认"), default=False)

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
    """A statutory or local period as a versioned parameter with its legal source (docs/law.md: never constants).

    A case fixes the version in force when it opens, so later edits never move a running deadline.
    """

    key = models.CharField(_("规则代码"), max_length=60)
    version = models.PositiveIntegerField(_("版本"), default=1)
    label = models.CharField(_("名称"), max_length=100)
    days = models.PositiveIntegerField(_("期限（日）"))
    unit = models.CharField(_("计日方式"), max_length=10, choices=DayUnit.choices)
    source = models.CharField(_("依据"), max_length=200)
    certainty = models.CharField(_("核实程度"), max_length=4, blank=True, help_text=_("V/V2/M/C，见 docs/law.md"))
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
    # The due date was counted over a provisional calendar day (CalendarDay.provisional): it may still move when the
    # State Council's holiday notice for that year is entered.
    provisional = models.BooleanField(_("届满日待定"), default=False)

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
        RECOUNT = "recount", _("因工作日历变更重新计算")

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
