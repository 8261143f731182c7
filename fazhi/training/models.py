from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.training.choices import SessionKind


class Cadre(ScopedModel):
    """A named cadre (干部职工) whose study hours are counted; enforcement officers have a yearly minimum."""

    scope_module = Module.TRAINING

    name = models.CharField(_("姓名"), max_length=40)
    title = models.CharField(_("职务"), max_length=60, blank=True)
    is_enforcement_officer = models.BooleanField(_("行政执法人员"), default=False)
    is_leader = models.BooleanField(_("领导班子成员"), default=False)
    active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        verbose_name = _("干部职工")
        verbose_name_plural = _("干部职工")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"], name="training_cadre_unique", violation_error_message=_("该干部已登记。")
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name


class Session(ScopedModel):
    """学法 / 培训 session (督察规定 第七条(五)、第八条(七): 集体学法、法治专题讲座、法治培训 —
    docs/law.md LD-04..06)."""

    scope_module = Module.TRAINING

    kind = models.CharField(_("类型"), max_length=20, choices=SessionKind.choices)
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    materials = models.TextField(_("学习材料"), blank=True)
    trainer = models.CharField(_("主讲/授课人"), max_length=60, blank=True)
    hours = models.DecimalField(
        _("学时"), max_digits=4, decimal_places=1, default=Decimal("1.0"), validators=[MinValueValidator(Decimal("0"))]
    )
    participants = models.PositiveIntegerField(_("参加人次"), default=0)

    class Meta:
        verbose_name = _("学法培训")
        verbose_name_plural = _("学法培训")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}：{self.topic}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("学习"))
    cadre = models.ForeignKey(Cadre, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("干部"))
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("参学记录")
        verbose_name_plural = _("参学记录")
        constraints = [models.UniqueConstraint(fields=["session", "cadre"], name="training_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.cadre.name} {self.hours}"


class Exam(ScopedModel):
    """干部学法考试 (法治能力考查测试, 督察规定 第七条(五) — docs/law.md LD-06)."""

    scope_module = Module.TRAINING

    held_on = models.DateField(_("考试日期"))
    title = models.CharField(_("名称"), max_length=120)
    pass_mark = models.DecimalField(_("及格分"), max_digits=5, decimal_places=1, default=Decimal("60"))
    full_mark = models.DecimalField(_("满分"), max_digits=5, decimal_places=1, default=Decimal("100"))

    class Meta:
        verbose_name = _("学法考试")
        verbose_name_plural = _("学法考试")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ExamScore(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="scores", verbose_name=_("考试"))
    cadre = models.ForeignKey(Cadre, on_delete=models.PROTECT, related_name="scores", verbose_name=_("干部"))
    score = models.DecimalField(_("成绩"), max_digits=5, decimal_places=1)
    passed = models.BooleanField(_("合格"))

    class Meta:
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        constraints = [models.UniqueConstraint(fields=["exam", "cadre"], name="training_score_unique")]

    def __str__(self) -> str:
        return f"{self.cadre.name} {self.score}"


class Requirement(models.Model):
    """A yearly minimum as a parameter with its source (docs/law.md: never a constant). Latest row per key wins."""

    key = models.CharField(_("规则代码"), max_length=60, unique=True)
    label = models.CharField(_("名称"), max_length=100)
    value = models.DecimalField(_("数值"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])
    unit = models.CharField(_("单位"), max_length=10)
    source = models.CharField(_("依据"), max_length=200)
    certainty = models.CharField(_("核实程度"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("学法培训要求")
        verbose_name_plural = _("学法培训要求")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.label}：{self.value}{self.unit}"
