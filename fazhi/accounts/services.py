from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.models import User
from fazhi.accounts.password_history import check_not_recent, remember


def user_create(
    *, actor, username: str, display_name: str, unit: str, password: str, must_change_password: bool = True
) -> User:
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ValidationError({"username": _("用户名“%(u)s”已被使用。") % {"u": username}})
        user = User(username=username, display_name=display_name, unit=unit, must_change_password=must_change_password)
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.password_changed_at = timezone.now()
        user.full_clean()
        user.save()
        remember(user)
    return user


def user_set_password(*, user: User, password: str, must_change: bool = False) -> User:
    password_validation.validate_password(password, user)
    with transaction.atomic():
        check_not_recent(user, password)  # 口令定期更换 means a new one, not the last few again
        user.set_password(password)
        user.must_change_password = must_change
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "must_change_password", "password_changed_at"])
        remember(user)
    return user
