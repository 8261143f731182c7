import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.concurrency import VersionedModel
from fazhi.core.dated import DatedRule
from fazhi.core.models import TimeStampedModel
from fazhi.enforcement.choices import (
    CaseStatus,
    CaseType,
    InspectionKind,
    PublicationKind,
    RecordKind,
    RecordStep,
    ReviewConclusion,
)
from fazhi.enforcement.workflow import ACTION_LABELS

# 执法证即将到期的预警期 (issue 6 §3: 60日内到期预警; a platform convention, not law)
EXPIRY_WARNING = datetime.timedelta(days=60)
# 执法人员每人每年不少于60学时 (法治政府建设实施纲要(2021—2025年) (三十四); docs/law.md LD-09)
ANNUAL_TRAINING_HOURS = 60


class Officer(ScopedModel, VersionedModel, TimeStampedModel):
    """执法人员 with their 行政执法证 (纲要 (十五): 证件由省级统一制发 — docs/law.md LE-41)."""

    scope_module = Module.ENFORCEMENT

    name = models.CharField(_("姓名"), max_length=50)
    certificate_no = models.CharField(_("执法证号"), max_length=40)
    certificate_issuer = models.CharField(_("发证机关"), max_length=100, blank=True)
    certificate_field = models.CharField(_("执法领域"), max_length=100, blank=True)
    # Without it an officer entered today would count as certified in every past year; the report's 新增持证 and
    # 年末持证 figures place the certificate by this date.
    certificate_issued_on = models.DateField(_("发证日期"))
    certificate_valid_until = models.DateField(_("执法证有效期至"))
    # One post per line. The seed report names 一人多岗 among the township's problems.
    other_posts = models.TextField(_("兼任其他岗位"), blank=True, help_text=_("每行一个岗位"))

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["certificate_no"], name="enforcement_officer_certificate_unique"),
            models.CheckConstraint(
                condition=Q(certificate_issued_on__lte=F("certificate_valid_until")),
                name="enforcement_officer_certificate_issued_before_expiry",
                violation_error_message=_("发证日期不能晚于执法证有效期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def other_post_list(self) -> list[str]:
        return [line.strip() for line in self.other_posts.splitlines() if line.strip()]

    @property
    def several_posts(self) -> bool:
        return bool(self.other_post_list)

    def certified_on(self, day: datetime.date) -> bool:
        return self.certificate_issued_on <= day <= self.certificate_valid_until

    def expiring_soon(self, today: datetime.date) -> bool:
        return today <= self.certificate_valid_until <= today + EXPIRY_WARNING


class TrainingRecord(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("执法人员"))
    on = models.DateField(_("培训日期"))
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    topic = models.CharField(_("培训内容"), max_length=200)

    class Meta:
        verbose_name = _("执法培训记录")
        verbose_name_plural = _("执法培训记录")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.topic}"


class EnforcementCase(ScopedModel, VersionedModel, TimeStampedModel):
    scope_module = Module.ENFORCEMENT

    title = models.CharField(_("案由"), max_length=200)
    case_type = models.CharField(_("执法类别"), max_length=20, choices=CaseType.choices, default=CaseType.PENALTY)
    party = models.CharField(_("执法对象"), max_length=100, blank=True)
    opened_on = models.DateField(_("立案（启动）日期"), default=timezone.localdate)
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    officers = models.ManyToManyField(Officer, blank=True, related_name="cases", verbose_name=_("承办执法人员"))
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, editable=False
    )
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, editable=False)
    conclusion = models.TextField(_("执法结论"), blank=True, editable=False)

    class Meta:
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CaseEvent(models.Model):
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("案件"))
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=CaseStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=CaseStatus.choices)
    on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )

    class Meta:
        verbose_name = _("案件办理记录")
        verbose_name_plural = _("案件办理记录")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class CaseRecord(models.Model):
    """全过程记录: a document, photo, audio or video file attached at one step of a case (docs/law.md LE-07)."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="records", verbose_name=_("案件"))
    step = models.CharField(_("环节"), max_length=20, choices=RecordStep.choices)
    kind = models.CharField(_("记录形式"), max_length=10, choices=RecordKind.choices)
    file = models.FileField(_("文件"), upload_to="enforcement/records/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("全过程记录")
        verbose_name_plural = _("全过程记录")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class LegalReview(models.Model):
    """法制审核 书面意见 (国办发〔2018〕118号; 行政处罚法 第五十八条; docs/law.md LE-10/LE-13)."""

    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="legal_reviews", verbose_name=_("案件")
    )
    reviewer = models.CharField(_("审核人员"), max_length=50)
    reviewed_on = models.DateField(_("审核日期"))
    conclusion = models.CharField(_("审核结论"), max_length=10, choices=ReviewConclusion.choices)
    opinion = models.TextField(_("审核意见"))

    class Meta:
        verbose_name = _("法制审核")
        verbose_name_plural = _("法制审核")
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.reviewed_on:%Y-%m-%d} {self.get_conclusion_display()}"


class PublicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=EnforcementCase.objects.visible_to(user))


class Publication(models.Model):
    """事后公开 on the public site (国办发〔2018〕118号; docs/law.md LE-04/LE-05)."""

    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="publications", verbose_name=_("案件")
    )
    kind = models.CharField(_("公示类别"), max_length=10, choices=PublicationKind.choices)
    title = models.CharField(_("公示标题"), max_length=200)
    text = models.TextField(_("公示内容"))
    due_on = models.DateField(_("公示期限"))
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    revoked_on = models.DateField(_("决定撤销（确认违法）日期"), null=True, blank=True)
    withdraw_due = models.DateField(_("撤下期限"), null=True, blank=True)
    withdrawn_on = models.DateField(_("撤下日期"), null=True, blank=True)
    withdraw_reason = models.CharField(_("撤下说明"), max_length=300, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法公示")
        verbose_name_plural = _("执法公示")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(published_on__isnull=False),
                name="enforcement_withdrawn_after_published",
                violation_error_message=_("未公示的内容无需撤下。"),
            )
        ]

    def __str__(self) -> str:
        return self.title


# What supervision of enforcement rests on, by the day an inspection is held: the 纲要's 行政执法协调监督 system, and
# from 2026-02-01 the 行政执法监督条例, under which the county 司法行政部门 supervises the township's enforcement.
SUPERVISION_BASIS: DatedRule[str] = DatedRule(
    [
        (datetime.date(2021, 8, 11), "《法治政府建设实施纲要（2021－2025年）》（二十六）"),  # docs/law.md GY-10
        (datetime.date(2026, 2, 1), "《行政执法监督条例》（国务院令第825号）第二条、第六条"),  # docs/law.md LE-44
    ]
)


class Inspection(ScopedModel, TimeStampedModel):
    """执法检查 / 案卷评查 with the problems found and their rectification; its basis follows the day it was held
    (纲要 (二十六), docs/law.md GY-10; from 2026-02-01 行政执法监督条例 第二条、第六条, LE-44)."""

    scope_module = Module.ENFORCEMENT

    kind = models.CharField(_("类别"), max_length=20, choices=InspectionKind.choices)
    held_on = models.DateField(_("检查日期"))
    scope = models.CharField(_("检查范围"), max_length=200)
    inspector = models.CharField(_("检查单位（人员）"), max_length=100)
    files_inspected = models.PositiveIntegerField(_("评查案卷数"), default=0)
    summary = models.TextField(_("检查情况"), blank=True)

    class Meta:
        verbose_name = _("执法检查与案卷评查")
        verbose_name_plural = _("执法检查与案卷评查")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.scope}"

    @property
    def basis(self) -> str:
        return SUPERVISION_BASIS.in_force(on=self.held_on)


class Problem(models.Model):
    """A problem found, tracked 问题→措施→期限→销号 (法治政府建设与责任落实督察工作规定 第十八条; docs/law.md AR-10)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="problems", verbose_name=_("检查")
    )
    description = models.CharField(_("发现问题"), max_length=300)
    due_on = models.DateField(_("整改期限"))
    rectification = models.TextField(_("整改措施"), blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("发现问题")
        verbose_name_plural = _("发现问题")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rectified_on__isnull=True) | ~Q(rectification=""),
                name="enforcement_rectified_has_measures",
                violation_error_message=_("整改完成须写明整改措施。"),
            )
        ]

    def __str__(self) -> str:
        return self.description


class JointAction(ScopedModel, TimeStampedModel):
    """联合执法 with other departments."""

    scope_module = Module.ENFORCEMENT

    held_on = models.DateField(_("执法日期"))
    departments = models.CharField(_("参与部门"), max_length=300)
    subject = models.CharField(_("执法事项"), max_length=200)
    result = models.TextField(_("执法结果"), blank=True)

    class Meta:
        verbose_name = _("联合执法")
        verbose_name_plural = _("联合执法")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.subject}"
