from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续输错 5 次将锁定账号 15 分钟。"),
        "inactive": _("该账号已停用，请联系安全管理员。"),
    }


class PasswordChangeForm(SetPasswordForm):
    """Set a new password; the old one is asked for so a walked-away session cannot be taken over."""

    old_password = forms.CharField(label=_("原密码"), strip=False, widget=forms.PasswordInput)
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError(_("原密码不正确。"))
        return old

    def save(self, commit=True):
        raise NotImplementedError("use accounts.services.user_set_password")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("动态口令"),
        max_length=20,
        error_messages={"required": _("请输入动态口令。"), "max_length": _("请输入手机令牌上显示的 6 位数字。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )
