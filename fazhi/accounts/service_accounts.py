"""集成账号: another system (the 12345 hotline, a county platform) calling the API with a token.

A service account is a User with posts like any member of staff, so its rights and scope come from the one place
they come from for everyone (areas.Post). It has no usable password and never signs in to the pages. Its token is
shown once when made and stored only as a SHA-256 digest: a token is 256 random bits, so a fast digest cannot be
guessed back from, unlike a password (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.4.8 数据保密性).
"""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "fz_"
DEFAULT_RATE_PER_MINUTE = 60


def new_token() -> tuple[str, str]:
    """A fresh token and the short public prefix that names it on the page (the rest is never shown again)."""
    prefix = secrets.token_hex(4)
    return f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}", prefix


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServiceAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_account", verbose_name=_("账号")
    )
    purpose = models.CharField(_("用途"), max_length=200)
    token_prefix = models.CharField(_("令牌前缀"), max_length=12, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate_per_minute = models.PositiveIntegerField(
        _("每分钟请求上限"),
        default=DEFAULT_RATE_PER_MINUTE,
        validators=[MinValueValidator(1), MaxValueValidator(6000)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("吊销人"),
    )
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("集成账号")
        verbose_name_plural = _("集成账号")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def token_hint(self) -> str:
        return f"{TOKEN_PREFIX}{self.token_prefix}_…"
