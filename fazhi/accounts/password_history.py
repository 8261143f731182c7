"""Password history and maximum age (GB/T 22239-2019 8.1.4.1 身份鉴别 a: 口令定期更换; docs/law.md SEC-14).

A new password may not repeat any of the last HISTORY_SIZE passwords of the account (the current one included), or
定期更换 would be met by changing a password to itself. Only the hashes are kept, made by the same hasher as the
account's password. With FAZHI_PASSWORD_MAX_AGE_DAYS set, a password older than that many days sends its holder to
the password page at the next request (fazhi.accounts.middleware.sign_in_step), like an admin-set one.
"""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HISTORY_SIZE = 5


class PasswordHistory(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(gettext_lazy("密码哈希"), max_length=128)
    set_at = models.DateTimeField(gettext_lazy("设置时间"), default=timezone.now)

    class Meta:
        app_label = "accounts"
        ordering = ["-set_at", "-id"]
        verbose_name = gettext_lazy("历史密码")
        verbose_name_plural = gettext_lazy("历史密码")

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.set_at:%Y-%m-%d}"  # never the hash


def check_not_recent(user, password: str) -> None:
    """Refuse, in Chinese, a password equal to the account's current one or one of its last HISTORY_SIZE."""
    hashes = [user.password] if user.pk is None else [user.password, *recent_hashes(user)]
    if any(encoded and check_password(password, encoded) for encoded in hashes):
        raise ValidationError(
            _("新密码不能与最近 %(n)d 次使用过的密码相同。") % {"n": HISTORY_SIZE}, code="password_reused"
        )


def recent_hashes(user) -> list[str]:
    return list(user.password_history.values_list("password", flat=True)[:HISTORY_SIZE])


def remember(user) -> None:
    """Keep the account's just-set password hash and forget all but the newest HISTORY_SIZE."""
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = user.password_history.values_list("pk", flat=True)[HISTORY_SIZE:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()


def password_expired(user) -> bool:
    """Whether FAZHI_PASSWORD_MAX_AGE_DAYS is set and the account's password is older than that."""
    days = getattr(settings, "FAZHI_PASSWORD_MAX_AGE_DAYS", None)
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > datetime.timedelta(days=days)
