"""Second factor (动态口令, TOTP via django-otp): enrolment, verification and who must pass it.

GB/T 22239-2019 身份鉴别 d) asks for two or more factors, one of them cryptographic (docs/law.md SEC-14, SEC-18);
the three admin roles must use it, everybody else may.
"""

import base64
import math
import re

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts.permissions import active_roles
from fazhi.accounts.roles import ADMIN_ROLES

# Set at password login for an account that has a device: the session stays half-signed-in until a token passes.
SESSION_PENDING = "fazhi_otp_pending"
TOKEN = re.compile(r"[0-9]{6}")


def second_factor_required(request) -> bool:
    user = request.user
    if request.session.get(SESSION_PENDING):
        return True
    return settings.FAZHI_REQUIRE_ADMIN_OTP and bool(active_roles(user) & ADMIN_ROLES)


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def totp_device_start(*, user) -> TOTPDevice:
    """The device being enrolled; reloading the page shows the same one instead of a new secret each time."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=_("手机令牌"), confirmed=False)
    return device


def totp_device_confirm(*, user, token: str) -> TOTPDevice:
    """The first right token proves the phone holds the secret; it then replaces any earlier device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError({"token": _("绑定已失效，请重新扫描二维码。")})
    _check_token(device, token)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def totp_verify(*, user, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError({"token": _("该账号尚未绑定动态口令。")})
    _check_token(device, token)
    return device


def _check_token(device: TOTPDevice, token: str) -> None:
    # django-otp's throttling: after n failures the next attempt waits 2^(n-1) seconds. A failure must be
    # committed, so this runs outside any transaction that the ValidationError would roll back.
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = math.ceil((info["locked_until"] - timezone.now()).total_seconds())
        raise ValidationError({"token": _("动态口令错误次数过多，请 %(n)d 秒后再试。") % {"n": max(wait, 1)}})
    token = (token or "").strip()
    if not TOKEN.fullmatch(token):
        raise ValidationError({"token": _("请输入手机令牌上显示的 6 位数字。")})
    if not device.verify_token(token):
        raise ValidationError({"token": _("动态口令不正确或已使用过，请输入手机令牌当前显示的数字。")})


def enrolment_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG (no script, no external image: the CSP stays strict)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def manual_key(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
