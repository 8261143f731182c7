from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An account. What it may see comes from its posts (areas.Post), never from flags on the user."""

    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    unit = models.CharField(_("单位"), max_length=100, blank=True)
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        # Rights come only from posts; a superuser flag would bypass the separated admin duties.
        constraints = [models.CheckConstraint(condition=models.Q(is_superuser=False), name="user_never_superuser")]

    def __str__(self) -> str:
        return self.display_name or self.username


from fazhi.accounts.password_history import PasswordHistory  # noqa: E402,F401  (registered with the app's models)
from fazhi.accounts.service_accounts import ServiceAccount  # noqa: E402,F401  (registered with the app's models)
