import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel, ScopedQuerySet
from fazhi.core.concurrency import VersionedModel
from fazhi.core.models import TimeStampedModel
from fazhi.core.uploads import ContentValidator
from fazhi.grid.choices import MatterSource, MatterStatus, Satisfaction, StaffPost
from fazhi.people.models import Household, Resident


class GridStaffQuerySet(ScopedQuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on)))


class GridStaff(ScopedModel, VersionedModel, TimeStampedModel):
    """One person holding one post of 一长三员 in one grid (`area`) for a period; history is kept."""

    scope_module = Module.GRID

    post = models.CharField(_("岗位"), max_length=20, choices=StaffPost.choices)
    name = models.CharField(_("姓名"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("平台账号")
    )
    # Grid staff names and phone numbers are posted publicly (滨州市社会治理网格化服务管理条例 第十条, docs/law.md
    # GRID-07): a work contact, stored in plain text.
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    unit = models.CharField(_("单位/职务"), max_length=100, blank=True)
    valid_from = models.DateField(_("任职起始"))
    valid_to = models.DateField(_("任职截止"), null=True, blank=True)

    objects = GridStaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("网格工作人员")
        verbose_name_plural = _("网格工作人员")
        ordering = ["area__path", "post", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="grid_staff_period_ordered",
                violation_error_message=_("任职截止日期不能早于起始日期。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.name}"


class Visit(ScopedModel, TimeStampedModel):
    """走访: a grid-staff visit to a household. No check-in counters or photo quotas (基层减负, docs/law.md BUR-04)."""

    scope_module = Module.GRID

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="visits", verbose_name=_("户"))
    visited_on = models.DateField(_("走访日期"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("走访人")
    )
    notes = models.TextField(_("走访情况"), blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("走访")
        verbose_name_plural = _("走访")
        ordering = ["-visited_on", "-id"]
        # A county's list walks this index newest first and stops at a page, instead of sorting every visit.
        indexes = [models.Index(fields=["-visited_on", "-id"], name="grid_visit_newest")]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.household}"


class Matter(ScopedModel, VersionedModel, TimeStampedModel):
    """群众说事 / 事项: something residents raise or grid staff find, in one grid (`area`)."""

    scope_module = Module.GRID

    number = models.CharField(_("编号"), max_length=30, unique=True, editable=False)
    category = models.CharField(_("类别"), max_length=50)
    description = models.TextField(_("事项描述"))
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="matters", verbose_name=_("反映人")
    )
    raised_by_text = models.CharField(_("反映人（未登记居民）"), max_length=100, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=MatterSource.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=MatterStatus.choices, default=MatterStatus.REGISTERED, db_index=True
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人"),
    )
    registered_on = models.DateField(_("登记日期"))
    # When it happened, for a matter recorded after the fact: the report places it in the year it happened.
    happened_on = models.DateField(_("发生日期"))
    due_date = models.DateField(_("办理期限"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    result = models.TextField(_("办理结果"), blank=True)
    reply = models.TextField(_("答复群众"), blank=True)
    satisfaction = models.CharField(_("群众满意度"), max_length=20, choices=Satisfaction.choices, blank=True)
    followed_up_on = models.DateField(_("回访日期"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates", verbose_name=_("重复事项")
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="matters", verbose_name=_("来源走访")
    )
    # Where the matter went when handed over (a mediation dispute or a petition): a generic link, so grid does not
    # import the apps that build on it.
    transferred_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    transferred_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("群众说事")
        verbose_name_plural = _("群众说事")
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="grid_matter_status_due"),
            models.Index(fields=["-registered_on", "-id"], name="grid_matter_newest"),  # as grid_visit_newest
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(happened_on__lte=F("registered_on")),
                name="grid_matter_happened_before_registered",
                violation_error_message=_("发生日期不能晚于登记日期。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:20]}"

    @property
    def raised_by(self) -> str:
        return self.resident.name if self.resident_id else self.raised_by_text

    @property
    def transferred_to(self):
        if not self.transferred_type_id:
            return None
        return self.transferred_type.get_object_for_this_type(pk=self.transferred_id)


class MatterEvent(models.Model):
    """One step of a matter: who did what, when (the matter's timeline)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="events", verbose_name=_("事项"))
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=MatterStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=MatterStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("事项办理记录")
        verbose_name_plural = _("事项办理记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at}"


ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "pdf", "doc", "docx", "xls", "xlsx"]


class MatterAttachment(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("事项"))
    file = models.FileField(
        _("文件"), upload_to="grid/matters/%Y/%m/", validators=[ContentValidator(ATTACHMENT_EXTENSIONS)]
    )
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("事项附件")
        verbose_name_plural = _("事项附件")

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "webp", "heic"}


class ReplyTemplate(ScopedModel):
    """常用答复: an approved standard reply text the township maintains."""

    scope_module = Module.GRID

    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("答复内容"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("常用答复")
        verbose_name_plural = _("常用答复")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
