import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.concurrency import VersionedModel
from fazhi.reports.calendar import publish_due, submit_due
from fazhi.reports.choices import ContentKind, ReportStatus, SectionLevel


class Report(ScopedModel):
    """法治政府建设年度报告 of one township (or county) for one year."""

    scope_module = Module.REPORTS

    year = models.PositiveSmallIntegerField(_("报告年度"))
    title = models.CharField(_("标题"), max_length=200)
    # 主送机关 (GB/T 9704-2012 7.3.2); empty means the default from the area above (reports.document.addressee).
    addressee = models.CharField(_("主送机关"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    finalised_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    reviewed_on = models.DateField(_("保密审查日期"), null=True, blank=True)
    reviewer = models.CharField(_("保密审查人"), max_length=40, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    published_url = models.URLField(_("公开网址"), blank=True)
    # A county's report, once finalised: its table of townships × figures as it stood ({"labels", "rows", "totals"},
    # reports.county_table); empty for a township and for a draft, whose table is computed live.
    township_table = models.JSONField(_("定稿时的乡镇指标表"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "area__path"]
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="reports_report_area_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status != ReportStatus.DRAFT

    @property
    def submit_due(self) -> datetime.date:
        return submit_due(self.year)

    @property
    def publish_due(self) -> datetime.date:
        return publish_due(self.year)

    def submit_late(self, today: datetime.date) -> bool:
        return (self.submitted_on or today) > self.submit_due

    def publish_late(self, today: datetime.date) -> bool:
        return (self.published_on or today) > self.publish_due


class ReportSection(VersionedModel):
    """One heading or paragraph; versioned so that a save from a stale editor never overwrites a newer text."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections", verbose_name=_("报告"))
    order = models.PositiveSmallIntegerField(_("顺序"))
    level = models.PositiveSmallIntegerField(_("层级"), choices=SectionLevel.choices)
    heading = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("正文"), blank=True)
    content_kind = models.CharField(_("对应法定内容"), max_length=30, choices=ContentKind.choices, blank=True)
    # The figures' values when the text was last saved ({key: "12"}, null where undefined): the editor warns when
    # a figure has changed since, as the author wrote the sentence around the old number.
    figure_values = models.JSONField(_("保存时的指标数值"), default=dict, blank=True)

    class Meta:
        verbose_name = _("报告段落")
        verbose_name_plural = _("报告段落")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.heading or self.body[:20]


class FigureSnapshot(models.Model):
    """A figure frozen at finalising: its value and the records it counted (ARCHITECTURE rule 6)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures", verbose_name=_("报告"))
    key = models.CharField(_("指标"), max_length=80)
    label = models.CharField(_("名称"), max_length=120)
    unit = models.CharField(_("单位"), max_length=20)
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    last_value = models.DecimalField(_("上年数值"), max_digits=20, decimal_places=4, null=True, blank=True)
    writing = models.CharField(_("写法"), max_length=20, default="exact")
    flagged = models.BooleanField(_("含约数记录"), default=False)
    model = models.CharField(_("记录类型"), max_length=100, blank=True)
    evidence = models.JSONField(_("佐证记录"), default=list)  # [[pk, text], ...]

    class Meta:
        verbose_name = _("定稿数据")
        verbose_name_plural = _("定稿数据")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="reports_figure_report_key")]

    def __str__(self) -> str:
        return f"{self.label} {self.value}"


class ReportEvent(models.Model):
    """Timeline of a report: each workflow step with who and when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("报告"))
    action = models.CharField(_("操作"), max_length=30)
    source = models.CharField(_("原状态"), max_length=20, choices=ReportStatus.choices)
    target = models.CharField(_("新状态"), max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("报告流程记录")
        verbose_name_plural = _("报告流程记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} → {self.get_target_display()}"


class Rectification(models.Model):
    """A problem raised by county supervision, tracked to 销号 (督察工作规定 第十八条 — docs/law.md AR-10)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="rectifications", verbose_name=_("报告"))
    problem = models.CharField(_("问题"), max_length=300)
    measure = models.CharField(_("整改措施"), max_length=300)
    deadline = models.DateField(_("整改期限"))
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("督察整改")
        verbose_name_plural = _("督察整改")
        ordering = ["closed_on", "deadline", "id"]

    def __str__(self) -> str:
        return self.problem


class ReportPdf(models.Model):
    """The PDF of one version of a report, made once in the background (LibreOffice takes seconds) and kept.

    `digest` hashes everything the PDF shows (exports.pdf_digest: title, text with its figures, status,
    主送机关, 发文机关署名, 成文日期), so a changed draft gets a new row and an unchanged one is served at once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已生成")
        FAILED = "failed", _("失败")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="pdfs", verbose_name=_("报告"))
    digest = models.CharField(_("内容摘要"), max_length=64)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("文件"), upload_to="reports/pdf/%Y/", blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    seconds = models.FloatField(_("用时（秒）"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报告PDF")
        verbose_name_plural = _("报告PDF")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["report", "digest"], name="reports_pdf_report_digest")]

    def __str__(self) -> str:
        return f"{self.report} ({self.get_status_display()})"

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class CountyTemplate(ScopedModel):
    """The outline a county publishes for its townships' reports of one year (issue 22 item 2): headings, opening
    text and its figures' phrases, figures as placeholders and place words as {全}{我}{党委}{政府}, so that each
    township reads its own values in its own words. Every publish is a new version; the latest not withdrawn is
    the one new drafts start from, and a draft already started keeps its text."""

    scope_module = Module.REPORTS

    year = models.PositiveSmallIntegerField(_("适用年度"))
    number = models.PositiveSmallIntegerField(_("版本"))
    sections = models.JSONField(_("提纲"), default=list)  # [[level, heading, body, content_kind], ...]
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发布人"),
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤回人"),
    )

    class Meta:
        verbose_name = _("县级报告模板")
        verbose_name_plural = _("县级报告模板")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year", "number"], name="reports_template_area_year_number")
        ]

    def __str__(self) -> str:
        return f"{self.area}{self.year}年报告模板（第{self.number}版）"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
