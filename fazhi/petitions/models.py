from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel, ScopedQuerySet
from fazhi.core.concurrency import VersionedModel
from fazhi.core.models import CaseEvent, Deadline, TimeStampedModel
from fazhi.people.models import Resident
from fazhi.petitions.choices import OPEN_STATUSES, Channel, Decision, Kind, Stabilisation, Status


class PetitionQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """Area scope, minus accusation material about the user or the user's unit: 检举、揭发 material is never
        shown to the person or unit accused (信访工作条例 第三十条; docs/law.md PET-12)."""
        qs = super().visible_to(user, action)
        if not user.is_authenticated:
            return qs
        accused = Q(accused_user=user)
        if getattr(user, "unit", ""):
            accused |= Q(accused_unit=user.unit)
        return qs.exclude(Q(kind=Kind.ACCUSATION) & accused)


def _deadline_fk(label):
    return models.ForeignKey(
        Deadline, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=label
    )


class Petition(ScopedModel, VersionedModel, TimeStampedModel):
    """信访事项, with the 信访工作条例 clock (rules.py)."""

    scope_module = Module.PETITIONS

    number = models.CharField(_("编号"), max_length=30, unique=True, editable=False)
    channel = models.CharField(_("信访形式"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("信访类别"), max_length=20, choices=Kind.choices)
    request = models.TextField(_("信访请求"))
    facts = models.TextField(_("事实"), blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    received_on = models.DateField(_("收到日期"))
    transferred_in = models.BooleanField(_("上级转送、交办"), default=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    # 检举控告类: who is accused (never shown to them, see PetitionQuerySet).
    accused_name = models.CharField(_("被检举控告人"), max_length=100, blank=True)
    accused_unit = models.CharField(_("被检举控告单位"), max_length=100, blank=True)
    accused_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("被检举控告人账号"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("重复信访事项"),
    )
    matter = models.ForeignKey(
        "grid.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("来源事项"),
    )
    # Linked both ways with mediation: a petition converted to a dispute, or one that came from a dispute.
    dispute = models.ForeignKey(
        "mediation.Dispute",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("关联矛盾纠纷"),
    )
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    notified_on = models.DateField(_("书面告知日期"), null=True, blank=True)
    not_accepted_reason = models.TextField(_("不予受理/异议理由"), blank=True)
    notice_deadline = _deadline_fk(_("告知期限"))
    objection_deadline = _deadline_fk(_("异议期限"))
    handling_deadline = _deadline_fk(_("办结期限"))
    due_date = models.DateField(_("当前届满日"), null=True, blank=True, editable=False)
    # One extension of at most 30 days, approved by the person in charge and notified (第三十四条).
    extension_days = models.PositiveSmallIntegerField(_("延长天数"), null=True, blank=True)
    extension_reason = models.CharField(_("延长理由"), max_length=200, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("批准负责人"),
    )
    extension_notified_on = models.DateField(_("延期告知日期"), null=True, blank=True)
    # 处理意见书 (第三十二条): request, facts and reasons, decision and its basis.
    decision = models.CharField(_("处理意见"), max_length=10, choices=Decision.choices, blank=True)
    decision_facts = models.TextField(_("认定事实和理由"), blank=True)
    decision_basis = models.TextField(_("处理依据"), blank=True)
    replied_on = models.DateField(_("书面答复日期"), null=True, blank=True)
    review_request_due = models.DateField(_("申请复查截止"), null=True, blank=True)
    review_requested_on = models.DateField(_("申请复查日期"), null=True, blank=True)
    review_organ = models.CharField(_("复查机关"), max_length=100, blank=True)
    review_deadline = _deadline_fk(_("复查期限"))
    review_decision = models.CharField(_("复查意见"), max_length=10, choices=Decision.choices, blank=True)
    review_decided_on = models.DateField(_("复查意见日期"), null=True, blank=True)
    recheck_request_due = models.DateField(_("申请复核截止"), null=True, blank=True)
    recheck_requested_on = models.DateField(_("申请复核日期"), null=True, blank=True)
    recheck_organ = models.CharField(_("复核机关"), max_length=100, blank=True)
    recheck_deadline = _deadline_fk(_("复核期限"))
    recheck_decision = models.CharField(_("复核意见"), max_length=10, choices=Decision.choices, blank=True)
    recheck_decided_on = models.DateField(_("复核意见日期"), null=True, blank=True)
    closed_on_time = models.BooleanField(_("按期办结"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["status", "due_date"], name="petitions_status_due")]

    def __str__(self) -> str:
        return f"{self.number} {self.request[:20]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def petitioner_names(self) -> str:
        return "、".join(p.name for p in self.petitioners.all())


class Petitioner(models.Model):
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="petitioners", verbose_name=_("信访事项")
    )
    name = models.CharField(_("姓名/名称"), max_length=100)
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions", verbose_name=_("登记居民")
    )
    address = models.CharField(_("住址"), max_length=200, blank=True)
    is_representative = models.BooleanField(_("代表"), default=False)

    class Meta:
        verbose_name = _("信访人")
        verbose_name_plural = _("信访人")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PetitionEvent(CaseEvent):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events", verbose_name=_("信访事项"))

    class Meta(CaseEvent.Meta):
        verbose_name = _("信访办理记录")
        verbose_name_plural = _("信访办理记录")


class KeyPetitioner(ScopedModel, VersionedModel, TimeStampedModel):
    """信访重点人员: a resident the township follows, with a responsible leader and a stabilisation status."""

    scope_module = Module.PETITIONS

    name = models.CharField(_("姓名"), max_length=50)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_petitioner",
        verbose_name=_("登记居民"),
    )
    responsible_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("包案领导"),
    )
    status = models.CharField(
        _("稳控状态"), max_length=20, choices=Stabilisation.choices, default=Stabilisation.PETITIONING
    )
    status_since = models.DateField(_("状态日期"))
    appeal = models.TextField(_("主要诉求"), blank=True)

    class Meta:
        verbose_name = _("信访重点人员")
        verbose_name_plural = _("信访重点人员")
        ordering = ["area__path", "name"]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    key_petitioner = models.ForeignKey(KeyPetitioner, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("稳控状态"), max_length=20, choices=Stabilisation.choices)
    on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("稳控状态变更")
        verbose_name_plural = _("稳控状态变更")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return self.status


class KeyPetitionerVisit(models.Model):
    key_petitioner = models.ForeignKey(KeyPetitioner, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("走访日期"))
    visitors = models.CharField(_("走访人"), max_length=200)
    notes = models.TextField(_("走访情况"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("重点人员走访")
        verbose_name_plural = _("重点人员走访")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on}"
