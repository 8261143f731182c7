from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.concurrency import VersionedModel
from fazhi.leadership.choices import DutyKind, GroupPost, MeetingKind, TaskProgress


class LeadingGroup(ScopedModel):
    """全面依法治乡工作领导小组. Adjusting the group keeps its history: members end, they are not deleted."""

    scope_module = Module.LEADERSHIP

    name = models.CharField(_("名称"), max_length=80, default=_("全面依法治乡工作领导小组"))
    document_no = models.CharField(_("成立/调整文号"), max_length=60, blank=True)
    established_on = models.DateField(_("成立日期"))
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("领导小组")
        verbose_name_plural = _("领导小组")
        ordering = ["-established_on", "-id"]

    def __str__(self) -> str:
        return f"{self.area.name}{self.name}"


class GroupMember(VersionedModel):
    group = models.ForeignKey(
        LeadingGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("领导小组")
    )
    name = models.CharField(_("姓名"), max_length=40)
    title = models.CharField(_("职务"), max_length=60, help_text=_("如：乡党委书记、乡长、人大主席"))
    post = models.CharField(_("小组职务"), max_length=20, choices=GroupPost.choices)
    valid_from = models.DateField(_("任职起始"))
    valid_to = models.DateField(_("任职截止"), null=True, blank=True)

    class Meta:
        verbose_name = _("领导小组成员")
        verbose_name_plural = _("领导小组成员")
        ordering = ["valid_to", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="leadership_member_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.name}（{self.title}）"


class Meeting(ScopedModel):
    """A meeting that studied rule-of-law work.

    督察规定 第七条(一)、第八条: 专题听取、会前学法 (docs/law.md LD-02, LD-04).
    """

    scope_module = Module.LEADERSHIP

    kind = models.CharField(_("会议类型"), max_length=30, choices=MeetingKind.choices)
    held_on = models.DateField(_("会议日期"))
    topic = models.CharField(_("议题"), max_length=200)
    decisions = models.TextField(_("议定事项"), blank=True)
    hears_annual_report = models.BooleanField(_("专题听取上年度法治政府建设情况汇报"), default=False)

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}：{self.topic}"


class WorkPlan(ScopedModel):
    """法治政府建设工作要点 / 年度工作计划 (督察规定 第七条(二): 纳入年度工作计划 — docs/law.md LD-03)."""

    scope_module = Module.LEADERSHIP

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=120)

    class Meta:
        verbose_name = _("年度工作计划")
        verbose_name_plural = _("年度工作计划")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="leadership_plan_area_year")]

    def __str__(self) -> str:
        return self.title


class PlanTask(VersionedModel):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("工作计划"))
    title = models.CharField(_("任务"), max_length=200)
    owner = models.CharField(_("责任人"), max_length=40)
    unit = models.CharField(_("责任单位"), max_length=60)
    deadline = models.DateField(_("完成时限"))
    progress = models.CharField(
        _("进度"), max_length=20, choices=TaskProgress.choices, default=TaskProgress.NOT_STARTED
    )
    evidence = models.TextField(_("完成情况及佐证"), blank=True)

    class Meta:
        verbose_name = _("计划任务")
        verbose_name_plural = _("计划任务")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title


class Duty(ScopedModel):
    """A first-responsible-person record.

    督察规定 第六条; 党政主要负责人履行推进法治建设第一责任人职责规定 (docs/law.md LD-01, LD-11); 纲要(二十三) (GY-09).
    """

    scope_module = Module.LEADERSHIP

    kind = models.CharField(_("类别"), max_length=20, choices=DutyKind.choices)
    person = models.CharField(_("负责人"), max_length=40)
    person_title = models.CharField(_("职务"), max_length=60)
    occurred_on = models.DateField(_("日期"))
    content = models.TextField(_("内容"))
    done = models.BooleanField(_("已落实"), default=True)

    class Meta:
        verbose_name = _("第一责任人履职")
        verbose_name_plural = _("第一责任人履职")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.person} {self.get_kind_display()}"
