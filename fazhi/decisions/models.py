import os

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.concurrency import VersionedModel
from fazhi.core.models import TimeStampedModel
from fazhi.core.uploads import ContentValidator


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("起草")
    CONSULTING = "consulting", _("公开征求意见中")
    REVIEWING = "reviewing", _("合法性审查中")
    DISCUSSED = "discussed", _("已集体讨论决定")
    ANNOUNCED = "announced", _("已公布")


class RiskLevel(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险（不可控）")


class ReviewConclusion(models.TextChoices):
    LEGAL = "legal", _("合法")
    LEGAL_WITH_CHANGES = "changes", _("修改后合法")
    ILLEGAL = "illegal", _("不合法")


PASSING_CONCLUSIONS = (ReviewConclusion.LEGAL, ReviewConclusion.LEGAL_WITH_CHANGES)


class Decision(ScopedModel, VersionedModel, TimeStampedModel):
    """重大行政决策 (重大行政决策程序暂行条例, docs/law.md MD-*); each step's record lives on it or beside it."""

    scope_module = Module.DECISIONS

    title = models.CharField(_("决策事项"), max_length=200)
    year = models.PositiveSmallIntegerField(_("目录年度"))
    summary = models.TextField(_("事项概述"), blank=True)
    consultation_text = models.TextField(_("征求意见稿"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT, editable=False
    )
    # 年度目录公开 (条例 第三条第三款; 法治政府建设实施纲要 (十一); docs/law.md MD-02)
    catalogued = models.BooleanField(_("已列入公布的年度目录"), default=False, editable=False)
    published_on = models.DateField(_("目录公布日期"), null=True, blank=True, editable=False)
    # Which optional steps apply to this decision (条例 第十四、十九、二十二条; docs/law.md MD-06/10/11).
    # 合法性审查 and 集体讨论决定 are always required (条例 第二十五、三十条; MD-12/14), so they have no flag.
    participation_required = models.BooleanField(_("需公众参与"), default=True)
    expert_required = models.BooleanField(_("需专家论证"), default=False)
    risk_required = models.BooleanField(_("需风险评估"), default=False)
    # 公众参与 (条例 第十五、十八条; MD-07/09)
    comment_started_on = models.DateField(_("征求意见开始日"), null=True, blank=True, editable=False)
    comment_ends_on = models.DateField(_("征求意见截止日"), null=True, blank=True, editable=False)
    comment_shortened_reason = models.CharField(_("缩短征求意见期限理由"), max_length=200, blank=True, editable=False)
    comment_handling = models.TextField(_("意见采纳情况说明"), blank=True, editable=False)
    # 风险评估 (条例 第二十二至二十四条; MD-11)
    risk_assessor = models.CharField(_("风险评估单位"), max_length=100, blank=True, editable=False)
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, blank=True, editable=False)
    risk_conclusion = models.TextField(_("风险评估结论"), blank=True, editable=False)
    # 合法性审查 (条例 第二十五至二十八条; MD-12)
    review_started_on = models.DateField(_("提交合法性审查日"), null=True, blank=True, editable=False)
    reviewer = models.CharField(_("审查人员/机构"), max_length=100, blank=True, editable=False)
    review_conclusion = models.CharField(
        _("审查结论"), max_length=10, choices=ReviewConclusion.choices, blank=True, editable=False
    )
    review_opinion = models.TextField(_("审查意见"), blank=True, editable=False)
    reviewed_on = models.DateField(_("审查完成日"), null=True, blank=True, editable=False)
    # 集体讨论决定 (条例 第三十条; MD-14)
    meeting = models.CharField(_("会议名称"), max_length=100, blank=True, editable=False)
    discussed_on = models.DateField(_("集体讨论日期"), null=True, blank=True, editable=False)
    attendees = models.TextField(_("出席人员"), blank=True, editable=False)
    outcome = models.TextField(_("决定内容"), blank=True, editable=False)
    # 公布 (条例 第三十二条; MD-16)
    announced_on = models.DateField(_("决定公布日期"), null=True, blank=True, editable=False)
    announcement = models.TextField(_("公布渠道及解读"), blank=True, editable=False)
    # 执行 (条例 第三十四、三十五条; MD-18)
    implementing_unit = models.CharField(_("执行单位"), max_length=100, blank=True, editable=False)
    implementation_notes = models.TextField(_("执行情况"), blank=True, editable=False)
    # 决策后评估 (条例 第三十六条; MD-19)
    evaluator = models.CharField(_("评估单位"), max_length=100, blank=True, editable=False)
    evaluated_on = models.DateField(_("评估日期"), null=True, blank=True, editable=False)
    evaluation = models.TextField(_("评估结论"), blank=True, editable=False)

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def paragraphs(self) -> list[str]:
        """The consultation draft split into numbered paragraphs (non-empty lines), as commenters cite them."""
        return [line.strip() for line in self.consultation_text.splitlines() if line.strip()]


class ExpertOpinion(models.Model):
    """专家论证意见 (条例 第十九、二十条; docs/law.md MD-10)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="expert_opinions", verbose_name=_("决策")
    )
    expert = models.CharField(_("专家姓名"), max_length=50)
    affiliation = models.CharField(_("工作单位/专业"), max_length=100, blank=True)
    opinion = models.TextField(_("论证意见"))
    given_on = models.DateField(_("论证日期"))

    class Meta:
        verbose_name = _("专家论证意见")
        verbose_name_plural = _("专家论证意见")
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return self.expert


class DiscussionStatement(models.Model):
    """One member's statement at the collective discussion, dissent included (条例 第三十、三十八条; MD-14/21)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="statements", verbose_name=_("决策"))
    speaker = models.CharField(_("发言人"), max_length=50)
    is_principal = models.BooleanField(_("行政首长（主要负责人）"), default=False)
    statement = models.TextField(_("发表意见"))
    dissent = models.BooleanField(_("持不同意见"), default=False)

    class Meta:
        verbose_name = _("集体讨论发言")
        verbose_name_plural = _("集体讨论发言")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.speaker


class Step(models.TextChoices):
    PARTICIPATION = "participation", _("公众参与")
    EXPERT = "expert", _("专家论证")
    RISK = "risk", _("风险评估")
    REVIEW = "review", _("合法性审查")
    DISCUSSION = "discussion", _("集体讨论决定")
    ANNOUNCEMENT = "announcement", _("公布")
    IMPLEMENTATION = "implementation", _("执行")
    EVALUATION = "evaluation", _("决策后评估")


ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "txt"]


class DecisionAttachment(models.Model):
    """Material filed for one step (条例 第三十三条 决策过程记录和材料归档; MD-17)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("决策"))
    step = models.CharField(_("所属环节"), max_length=20, choices=Step.choices)
    file = models.FileField(
        _("文件"), upload_to="decisions/%Y/%m/", validators=[ContentValidator(ATTACHMENT_EXTENSIONS)]
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("决策材料")
        verbose_name_plural = _("决策材料")
        ordering = ["step", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return os.path.basename(self.file.name)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不予公开")


class PublicComment(models.Model):
    """A resident's comment on a consultation draft (条例 第十五、十八条; MD-07/09)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="comments", verbose_name=_("决策"))
    text = models.TextField(_("意见内容"), max_length=2000)
    name = models.CharField(_("署名"), max_length=50, blank=True)
    paragraph = models.PositiveSmallIntegerField(_("针对段落"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(
        _("审核状态"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    # 条例 第十八条：对合理意见予以采纳 — recorded per comment so the register shows adopt/reject (MD-09).
    adopted = models.BooleanField(_("是否采纳"), null=True, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.text[:20]


class DecisionEvent(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events", verbose_name=_("决策"))
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原状态"), max_length=20, choices=DecisionStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=DecisionStatus.choices)
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )

    class Meta:
        verbose_name = _("决策办理记录")
        verbose_name_plural = _("决策办理记录")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.action}"
