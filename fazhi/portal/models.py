"""A resident's request from the public site (群众说事 or 申请调解), followed with a tracking code.

The request is the portal's own record: it keeps what the resident sent and its public status, and is handed over
to the grid or mediation app (fazhi/portal/handoff.py) when their services exist. Nothing in it is shown publicly;
the tracking page shows only its status and the replies staff wrote for the resident.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import ScopedModel
from fazhi.core.encryption import EncryptedTextField
from fazhi.core.models import TimeStampedModel
from fazhi.portal.choices import Rating, RequestKind, RequestStatus

CODE_LENGTH = 10
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud over the phone or copied from a screenshot is not mistaken.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"


class PublicRequest(ScopedModel, TimeStampedModel):
    """`area` is the village (or township) the resident chose; staff of the grid module see it in their scope."""

    scope_module = Module.GRID

    code = models.CharField(_("查询码"), max_length=CODE_LENGTH, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=20, choices=RequestKind.choices)
    # A grid matter category code (数据字典 grid.matter_category) when the sender chose one (the Open311 service);
    # the short public form leaves it blank and staff classify on triage.
    category = models.CharField(_("类别"), max_length=50, blank=True)
    description = models.TextField(_("事情经过"))
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    # Encrypted at rest, masked for display (个人信息保护法 第五十一条; docs/law.md SEC-05/SEC-20).
    phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, db_index=True
    )
    handoff_target = models.CharField(_("转交去向"), max_length=40, blank=True, editable=False)
    handoff_id = models.PositiveBigIntegerField(_("转交记录"), null=True, blank=True, editable=False)
    handoff_error = models.TextField(_("转交失败原因"), blank=True, editable=False)
    staff_note = models.TextField(_("内部备注"), blank=True)  # never shown to the resident
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价说明"), max_length=200, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网上群众诉求")
        verbose_name_plural = _("网上群众诉求")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_closed(self) -> bool:
        return self.status == RequestStatus.CLOSED


class PublicReply(models.Model):
    """A reply written for the resident; shown on the tracking page (unlike `staff_note`)."""

    request = models.ForeignKey(PublicRequest, on_delete=models.CASCADE, related_name="replies", verbose_name=_("诉求"))
    text = models.TextField(_("答复内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("答复人")
    )
    created_at = models.DateTimeField(_("答复时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:20]


class PublicRequestPhoto(models.Model):
    """A photo as re-encoded by the server (JPEG, no EXIF/GPS); the resident's original file is not kept."""

    request = models.ForeignKey(PublicRequest, on_delete=models.CASCADE, related_name="photos", verbose_name=_("诉求"))
    image = models.FileField(_("照片"), upload_to="portal/requests/%Y/%m/")
    size = models.PositiveIntegerField(_("大小（字节）"))
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))

    class Meta:
        verbose_name = _("诉求照片")
        verbose_name_plural = _("诉求照片")

    def __str__(self) -> str:
        return self.image.name
