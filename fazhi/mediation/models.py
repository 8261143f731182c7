import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.permissions import active_posts
from fazhi.accounts.roles import Module, Role, role_allows
from fazhi.areas.models import subtree_q
from fazhi.areas.scoping import ScopedModel, ScopedQuerySet
from fazhi.core.concurrency import VersionedModel
from fazhi.core.encryption import EncryptedTextField
from fazhi.core.models import CaseEvent, Deadline, TimeStampedModel
from fazhi.core.uploads import ContentValidator
from fazhi.mediation.choices import (
    AgreementForm,
    BodyKind,
    ConfirmationResult,
    DisputeSource,
    DisputeStatus,
    PartyRole,
    Performance,
    Tier,
)
from fazhi.people.models import Resident


class MediationBody(ScopedModel, TimeStampedModel):
    """调解组织: a village or township 调委会, or a studio the township names (e.g. 小米书记工作室).

    人民调解法 第八条、第三十四条: 村(居)委会 set up 调委会; 乡镇 may also set them up (docs/law.md MED-03).
    """

    scope_module = Module.MEDIATION

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=30, choices=BodyKind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")
        ordering = ["area__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"],
                name="mediation_body_name_unique",
                violation_error_message=_("本区划已有同名调解组织。"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Mediator(ScopedModel, TimeStampedModel):
    """调解员 on the roster; `user` links the platform account a mediator signs in with."""

    scope_module = Module.MEDIATION

    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("类别"), max_length=50)  # 数据字典 mediation.mediator_kind
    body = models.ForeignKey(
        MediationBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediators",
        verbose_name=_("所属调解组织"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediator_profiles",
        verbose_name=_("平台账号"),
    )
    unit = models.CharField(_("单位/职务"), max_length=100, blank=True)
    # Personal phone: encrypted at rest, shown masked (个人信息保护法 第五十一条; docs/law.md SEC-19/20).
    phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    valid_from = models.DateField(_("聘任起始"), default=datetime.date.today)
    valid_to = models.DateField(_("聘任截止"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["area__path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="mediation_mediator_period_ordered",
                violation_error_message=_("聘任截止日期不能早于起始日期。"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.valid_from <= today and (self.valid_to is None or self.valid_to > today)


class DisputeQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """Area scope, narrowed for mediators: a post held only as 调解员 shows the disputes the user is
        assigned to and those of the user's mediation body (人民调解法 第十五条: mediators must not leak
        parties' privacy — docs/law.md MED-05). Any other post with mediation rights keeps its area scope."""
        if not user.is_authenticated:
            return self.none()
        full, narrowed = Q(pk__in=[]), None
        for post in active_posts(user):
            if not role_allows(post.role, Module.MEDIATION, action):
                continue
            if post.role == Role.MEDIATOR:
                here = subtree_q(post.area.path, "area__path")
                narrowed = here if narrowed is None else narrowed | here
            else:
                full |= subtree_q(post.area.path, "area__path")
        if narrowed is None:
            # No 调解员 post: nothing to narrow. The SQL would not change (Django prunes the empty branch), but
            # resolving the two subqueries first cost every dispute query about a millisecond.
            return self.filter(full)
        assigned = Exists(Dispute.mediators.through.objects.filter(dispute=OuterRef("pk"), mediator__user=user))
        bodies = Mediator.objects.filter(user=user, body__isnull=False).values("body_id")
        return self.filter(full | (narrowed & (Q(assigned) | Q(body__in=bodies))))


class Dispute(ScopedModel, VersionedModel, TimeStampedModel):
    """矛盾纠纷: one dispute brought to people's mediation, handled in one of three tiers."""

    scope_module = Module.MEDIATION

    number = models.CharField(_("编号"), max_length=30, unique=True, editable=False)
    title = models.CharField(_("纠纷简述"), max_length=200)
    facts = models.TextField(_("主要事实与争议事项"), blank=True)
    dispute_type = models.CharField(_("纠纷类型"), max_length=50)  # 数据字典 mediation.dispute_type
    key_group = models.BooleanField(_("涉及重点群体"), default=False)
    amount = models.DecimalField(
        _("涉及金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("来源"), max_length=20, choices=DisputeSource.choices)
    tier = models.CharField(_("处理层级"), max_length=20, choices=Tier.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.OPEN, db_index=True
    )
    body = models.ForeignKey(
        MediationBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("调解组织"),
    )
    mediators = models.ManyToManyField(Mediator, blank=True, related_name="disputes", verbose_name=_("调解员"))
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("包案领导"),
    )
    received_on = models.DateField(_("受理日期"))
    deadline = models.ForeignKey(
        Deadline, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("办理期限")
    )
    due_date = models.DateField(_("办结期限"), null=True, blank=True, editable=False)  # copy of deadline.due_date
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    outcome_reason = models.TextField(_("结果说明"), blank=True)
    # A matter (群众说事) handed over to mediation. String reference: grid is a sibling domain app that mediation
    # may build on (ARCHITECTURE.md declared exception) without importing its modules.
    matter = models.ForeignKey(
        "grid.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("来源事项"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")
        ordering = ["-received_on", "-id"]
        # Open disputes by due date within the user's areas (the workbench's due-soon list). Led by the area: on
        # (status, due_date) the planner walked every open dispute of a 5-million city against the township's
        # areas, 15 ms; led by the area, 0.2 ms.
        indexes = [models.Index(fields=["area", "status", "due_date"], name="mediation_area_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="mediation_dispute_closed_after_received",
                violation_error_message=_("办结日期不能早于受理日期。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == DisputeStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def agreement(self) -> "Agreement | None":
        """The latest agreement (a reopened dispute may have an earlier, unperformed one)."""
        return self.agreements.order_by("-effective_on", "-id").first()

    @property
    def days_to_resolve(self) -> int | None:
        return (self.closed_on - self.received_on).days if self.closed_on else None


class DisputeParty(models.Model):
    """当事人: a resident from the registry or an outside person (free text)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties", verbose_name=_("纠纷"))
    role = models.CharField(_("身份"), max_length=20, choices=PartyRole.choices, default=PartyRole.APPLICANT)
    name = models.CharField(_("姓名/名称"), max_length=100)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediation_parties",
        verbose_name=_("登记居民"),
    )
    address = models.CharField(_("住址"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TierChange(models.Model):
    """One level a dispute passed through: its history keeps every tier, with the reason for each change."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="tier_changes", verbose_name=_("纠纷"))
    from_tier = models.CharField(_("原层级"), max_length=20, choices=Tier.choices, blank=True)
    to_tier = models.CharField(_("新层级"), max_length=20, choices=Tier.choices)
    reason = models.TextField(_("理由"), blank=True)
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )

    class Meta:
        verbose_name = _("层级变更")
        verbose_name_plural = _("层级变更")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.from_tier} → {self.to_tier}"


SESSION_FILE_EXTENSIONS = ["jpg", "jpeg", "png", "pdf", "doc", "docx"]


class Session(models.Model):
    """调解工作记录: one mediation session (人民调解法 第二十七条, docs/law.md MED-12)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("纠纷"))
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("地点"), max_length=200)
    mediators = models.ManyToManyField(Mediator, blank=True, related_name="sessions", verbose_name=_("调解员"))
    parties_present = models.CharField(_("到场当事人"), max_length=300, blank=True)
    notes = models.TextField(_("调解情况"))
    file = models.FileField(
        _("附件"),
        upload_to="mediation/sessions/%Y/%m/",
        blank=True,
        validators=[ContentValidator(SESSION_FILE_EXTENSIONS)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class Agreement(models.Model):
    """人民调解协议书 (人民调解法 第二十八、二十九条; docs/law.md MED-13/14), or an oral agreement recorded as such."""

    # A dispute reopened after an unperformed agreement may end in a new one: the old one is kept.
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("纠纷"))
    form = models.CharField(_("协议形式"), max_length=10, choices=AgreementForm.choices, default=AgreementForm.WRITTEN)
    facts = models.TextField(_("纠纷主要事实、争议事项及各方责任"))
    terms = models.TextField(_("协议内容"))
    performance_method = models.CharField(_("履行方式"), max_length=200)
    performance_due = models.DateField(_("履行期限"))
    effective_on = models.DateField(_("生效日期"))
    performance = models.CharField(
        _("履行情况"), max_length=20, choices=Performance.choices, default=Performance.PENDING
    )
    # 司法确认 (人民调解法 第三十三条; 民事诉讼法 第二百零五条; docs/law.md MED-16)
    confirmation_applied_on = models.DateField(_("申请司法确认日期"), null=True, blank=True)
    confirmation_court = models.CharField(_("受理法院"), max_length=100, blank=True)
    confirmation_result = models.CharField(
        _("司法确认结果"), max_length=20, choices=ConfirmationResult.choices, blank=True
    )
    confirmation_decided_on = models.DateField(_("司法确认裁定日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.dispute.number} {self.get_form_display()}"


class FollowUp(models.Model):
    """回访: due after closure; records whether the agreement was performed (人民调解法 第三十一条 监督履行)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("纠纷"))
    due_on = models.DateField(_("应回访日期"))
    visited_on = models.DateField(_("回访日期"), null=True, blank=True)
    performance = models.CharField(_("协议履行情况"), max_length=20, choices=Performance.choices, blank=True)
    notes = models.TextField(_("回访情况"), blank=True)
    reopened = models.BooleanField(_("重新调解"), default=False)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回访人"),
    )

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.dispute.number} {self.due_on}"


class DisputeEvent(CaseEvent):
    """The dispute's timeline: who did what, when (escalations, extensions, closure, reopening)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events", verbose_name=_("纠纷"))

    class Meta(CaseEvent.Meta):
        verbose_name = _("纠纷办理记录")
        verbose_name_plural = _("纠纷办理记录")
