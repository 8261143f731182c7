from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import VIEW, Module
from fazhi.areas.scoping import ScopedModel, scope_q
from fazhi.core.concurrency import VersionedModel
from fazhi.core.models import TimeStampedModel
from fazhi.core.uploads import ContentValidator


class BoardCategory(models.TextChoices):
    # 三务公开 + 服务公开 (党务公开条例(试行) 2017; 农村基层组织工作条例 2019 — docs/law.md VPO-10)
    PARTY = "party", _("党务")
    VILLAGE = "village", _("村务")
    FINANCE = "finance", _("财务")
    SERVICE = "service", _("服务")


class Frequency(models.TextChoices):
    # 村民委员会组织法 第三十条 (docs/law.md VPO-02): 一般事项至少每季度，财务往来较多的每月，重大事项随时
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    AD_HOC = "ad_hoc", _("随时")


class Board(ScopedModel, TimeStampedModel):
    scope_module = Module.DISCLOSURE

    category = models.CharField(_("公开类别"), max_length=20, choices=BoardCategory.choices)
    frequency = models.CharField(_("公开频次"), max_length=20, choices=Frequency.choices)
    location = models.CharField(_("公开栏位置"), max_length=200)
    # When the board went up, which the figure `disclosure.boards` counts by: a township entering its boards later
    # must still see them in the year they stood.
    established_on = models.DateField(_("设立日期"))
    # Due date of the first period not yet posted (None for 随时 boards), kept by the services from the postings
    # (services.next_due_after): overdue boards are then one indexed query, not the rule run over a county's boards.
    next_due_on = models.DateField(_("下次应公开日期"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("公开栏")
        verbose_name_plural = _("公开栏")
        ordering = ["area__path", "category"]
        constraints = [models.UniqueConstraint(fields=["area", "category"], name="disclosure_board_unique_category")]

    def __str__(self) -> str:
        return f"{self.area} {self.get_category_display()}"


class PostingQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        """Postings of the boards `user` may see (a posting has no area of its own: its board's counts)."""
        return self.filter(scope_q(user, Module.DISCLOSURE, action, "board__area__path"))


class Posting(TimeStampedModel, VersionedModel):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="postings", verbose_name=_("公开栏"))
    title = models.CharField(_("公开事项"), max_length=200)
    period_end = models.DateField(_("所属期间截止日"))
    text = models.TextField(_("公开内容"), blank=True)
    posted_on = models.DateField(_("张贴日期"))
    # Set once by the service from the board's frequency, so the on-time figure is a plain query.
    due_on = models.DateField(_("应公开日期"))
    removed_on = models.DateField(_("撤下日期"), null=True, blank=True)
    published_on = models.DateField(_("网上发布日期"), null=True, blank=True)
    withdrawn_on = models.DateField(_("网上撤回日期"), null=True, blank=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开记录")
        verbose_name_plural = _("公开记录")
        ordering = ["-posted_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and self.withdrawn_on is None

    @property
    def is_on_time(self) -> bool:
        return self.posted_on <= self.due_on

    @property
    def board_label(self) -> str:
        return f"{self.board.area.name} · {self.board.get_category_display()}"


ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx"]


class PostingAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        return self.filter(scope_q(user, Module.DISCLOSURE, action, "posting__board__area__path"))


class PostingAttachment(models.Model):
    posting = models.ForeignKey(
        Posting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("公开记录")
    )
    file = models.FileField(
        _("文件"), upload_to="disclosure/%Y/%m/", validators=[ContentValidator(ATTACHMENT_EXTENSIONS)]
    )
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = PostingAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开附件")
        verbose_name_plural = _("公开附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
