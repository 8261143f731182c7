"""Making and revoking 集成账号 (fazhi.accounts.service_accounts). They live here, beside member_create, because
an account's rights are its post (areas.Post) and accounts may not import areas (the layers contract)."""

import re

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.models import User
from fazhi.accounts.roles import ADMIN_ROLES, Module
from fazhi.accounts.service_accounts import DEFAULT_RATE_PER_MINUTE, ServiceAccount, new_token, token_digest
from fazhi.areas.models import Area, Post
from fazhi.areas.scoping import require_area_writable, scope_q
from fazhi.areas.services import post_end, post_grant

USERNAME = re.compile(r"[a-z0-9][a-z0-9_-]{2,40}")


def service_account_create(
    *,
    actor,
    username: str,
    display_name: str,
    purpose: str,
    role: str,
    area: Area,
    rate_per_minute: int = DEFAULT_RATE_PER_MINUTE,
) -> tuple[ServiceAccount, str]:
    """The account, its one post and its token, together; the token is returned here once and never again."""
    require_area_writable(actor, Module.ACCOUNTS, area)
    errors = {}
    username = username.strip().lower()
    if not USERNAME.fullmatch(username):
        errors["username"] = _("用户名只能用小写字母、数字、下划线和连字符，3至41个字符。")
    elif User.objects.filter(username=username).exists():
        errors["username"] = _("用户名“%(u)s”已被使用。") % {"u": username}
    if role in ADMIN_ROLES:
        # 三员分立 (GB/T 22239-2019 8.1.4.2 d): the admin duties are held by named people, never by a program.
        errors["role"] = _("集成账号只能担任业务岗位，不能担任系统、安全或审计管理员。")
    if not display_name.strip():
        errors["display_name"] = _("请填写集成账号的名称。")
    if not purpose.strip():
        errors["purpose"] = _("请写明用途，例如“12345热线推送工单”。")
    if errors:
        raise ValidationError(errors)
    token, prefix = new_token()
    with transaction.atomic():
        # No usable password: the account can call the API with its token and never sign in to the pages.
        user = User(username=username, display_name=display_name.strip(), password=make_password(None))
        user.full_clean()
        user.save()
        post_grant(actor=actor, user=user, role=role, area=area, title=_("集成账号"))
        account = ServiceAccount(
            user=user,
            purpose=purpose.strip(),
            token_prefix=prefix,
            token_hash=token_digest(token),
            rate_per_minute=rate_per_minute,
            created_by=actor,
        )
        account.full_clean()
        account.save()
    return account, token


def service_account_revoke(*, actor, account: ServiceAccount) -> ServiceAccount:
    """The token stops working at once; the account and its history stay (records it made keep their author)."""
    posts = list(Post.objects.filter(user=account.user).active())
    for post in posts:
        require_area_writable(actor, Module.ACCOUNTS, post.area)
    if account.is_revoked:
        raise ValidationError(_("该集成账号已吊销。"))
    today = timezone.localdate()
    with transaction.atomic():
        account.revoked_at = timezone.now()
        account.revoked_by = actor
        account.save(update_fields=["revoked_at", "revoked_by"])
        account.user.is_active = False
        account.user.save(update_fields=["is_active"])
        for post in posts:
            post_end(actor=actor, post=post, on=max(today, post.valid_from))
    return account


def service_account_list(*, user) -> QuerySet:
    """Service accounts whose post lies within the user's account-management scope."""
    posts = Post.objects.filter(scope_q(user, Module.ACCOUNTS))
    return (
        ServiceAccount.objects.filter(Q(user__in=posts.values("user_id")))
        .select_related("user", "created_by")
        .prefetch_related("user__posts__area")
    )


def service_account_get(*, user, pk: int) -> ServiceAccount:
    account = service_account_list(user=user).filter(pk=pk).first()
    if account is None:
        raise Http404
    return account
