import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.uploads import ContentValidator
from fazhi.publicity.choices import MaterialMode, Platform, Strand
from fazhi.publicity.rules import basis_for, programme_for


class Plan(ScopedModel):
    """年度普法计划, under the five-year plan of its year (八五 2021–2025, 九五 2026–2030; docs/law.md PF-02, PF-06)
    and, from 2025-11-01, the 法治宣传教育法 (PF-01) — see publicity/rules.py."""

    scope_module = Module.PUBLICITY

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=120)
    # Blank means "the plan of the year" (clean() fills it): a fixed default would file a 2026 plan under 八五.
    programme = models.CharField(_("所属普法规划"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("年度普法计划")
        verbose_name_plural = _("年度普法计划")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year"],
                name="publicity_plan_area_year",
                violation_error_message=_("该乡镇本年度已有普法计划。"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.programme and self.year:
            self.programme = programme_for(self.year)

    @property
    def programme_name(self) -> str:
        return self.programme or programme_for(self.year)

    @property
    def basis(self) -> str:
        """What the plan cites, as in force at the start of its year."""
        return basis_for(self.year)


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("普法计划"))
    title = models.CharField(_("内容"), max_length=200)
    audience = models.CharField(_("对象"), max_length=50)
    due_by = models.DateField(_("时间"))
    responsible = models.CharField(_("责任人/单位"), max_length=60)
    target_count = models.PositiveSmallIntegerField(_("计划场次"), default=1)

    class Meta:
        verbose_name = _("计划事项")
        verbose_name_plural = _("计划事项")
        ordering = ["due_by", "id"]

    def __str__(self) -> str:
        return self.title


class Activity(ScopedModel):
    """普法活动: held in a township (全乡) or one village."""

    scope_module = Module.PUBLICITY

    held_on = models.DateField(_("日期"))
    title = models.CharField(_("活动名称"), max_length=200)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    form = models.CharField(_("形式"), max_length=50)
    strand = models.CharField(_("计入"), max_length=20, choices=Strand.choices, default=Strand.POPULAR)
    participants = models.PositiveIntegerField(_("参与人次"), default=0)
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("落实计划事项"),
    )
    note = models.TextField(_("说明"), blank=True)
    photo = models.FileField(
        _("照片"),
        upload_to="publicity/%Y/",
        blank=True,
        validators=[ContentValidator(["jpg", "jpeg", "png", "webp"])],
    )

    class Meta:
        verbose_name = _("普法活动")
        verbose_name_plural = _("普法活动")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on"], name="publicity_activity_held_on")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class ActivityTheme(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="themes", verbose_name=_("活动"))
    theme = models.CharField(_("法律或主题"), max_length=50)

    class Meta:
        verbose_name = _("活动主题")
        verbose_name_plural = _("活动主题")
        constraints = [models.UniqueConstraint(fields=["activity", "theme"], name="publicity_activity_theme_unique")]

    def __str__(self) -> str:
        return self.theme


class ActivityAudience(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="audiences", verbose_name=_("活动"))
    audience = models.CharField(_("对象"), max_length=50)
    reached = models.PositiveIntegerField(_("覆盖人数"))

    class Meta:
        verbose_name = _("活动对象")
        verbose_name_plural = _("活动对象")
        constraints = [
            models.UniqueConstraint(fields=["activity", "audience"], name="publicity_activity_audience_unique")
        ]

    def __str__(self) -> str:
        return f"{self.audience} {self.reached}"


class ActivityMaterial(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials", verbose_name=_("活动"))
    kind = models.CharField(_("资料种类"), max_length=50)
    mode = models.CharField(_("方式"), max_length=20, choices=MaterialMode.choices, default=MaterialMode.HANDED_OUT)
    quantity = models.PositiveIntegerField(_("数量"))
    unit = models.CharField(_("单位"), max_length=10)
    approximate = models.BooleanField(_("约数"), default=False)

    class Meta:
        verbose_name = _("宣传资料")
        verbose_name_plural = _("宣传资料")
        constraints = [models.CheckConstraint(condition=~Q(unit=""), name="publicity_material_unit_required")]

    def __str__(self) -> str:
        return f"{self.quantity}{self.unit}"


class MediaAccount(ScopedModel):
    scope_module = Module.PUBLICITY

    name = models.CharField(_("账号名称"), max_length=60)
    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices, default=Platform.VIDEO)

    class Meta:
        verbose_name = _("新媒体账号")
        verbose_name_plural = _("新媒体账号")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"], name="publicity_account_unique", violation_error_message=_("该账号已登记。")
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_platform_display()}）"


class MediaSeries(ScopedModel):
    scope_module = Module.PUBLICITY

    account = models.ForeignKey(MediaAccount, on_delete=models.PROTECT, related_name="series", verbose_name=_("账号"))
    title = models.CharField(_("系列名称"), max_length=100)

    class Meta:
        verbose_name = _("系列节目")
        verbose_name_plural = _("系列节目")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class MediaPost(ScopedModel):
    scope_module = Module.PUBLICITY

    account = models.ForeignKey(MediaAccount, on_delete=models.PROTECT, related_name="posts", verbose_name=_("账号"))
    published_on = models.DateField(_("发布日期"))
    title = models.CharField(_("标题"), max_length=200)
    topic = models.CharField(_("主题"), max_length=50)
    link = models.URLField(_("链接"), blank=True)
    views = models.PositiveIntegerField(_("浏览量"), null=True, blank=True)
    series = models.ForeignKey(
        MediaSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="episodes",
        verbose_name=_("所属系列"),
    )
    episode_no = models.PositiveSmallIntegerField(_("期数"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送")
        verbose_name_plural = _("推送")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "episode_no"],
                condition=Q(series__isnull=False),
                name="publicity_episode_unique",
                violation_error_message=_("该系列已有这一期。"),
            )
        ]

    def __str__(self) -> str:
        return self.title


def key_date_in(code: str, year: int) -> tuple[datetime.date, datetime.date] | None:
    """A key-date code "MM-DD" or "MM" as the (first, last) day it covers in `year`."""
    try:
        if "-" in code:
            month, day = (int(p) for p in code.split("-", 1))
            day_ = datetime.date(year, month, day)
            return day_, day_
        month = int(code)
        first = datetime.date(year, month, 1)
        nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - datetime.timedelta(days=1)
    except ValueError:
        return None
