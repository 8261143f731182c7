from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import ADMIN_ROLES, Role
from fazhi.accounts.service_accounts import DEFAULT_RATE_PER_MINUTE
from fazhi.areas.models import Area


class ServiceAccountCreateForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=41, help_text=_("小写字母、数字、下划线和连字符"))
    display_name = forms.CharField(label=_("名称"), max_length=50, help_text=_("如“12345热线”"))
    purpose = forms.CharField(label=_("用途"), max_length=200)
    role = forms.ChoiceField(label=_("角色"), choices=[(r.value, r.label) for r in Role if r not in ADMIN_ROLES])
    area = forms.ModelChoiceField(label=_("区划"), queryset=Area.objects.none())
    rate_per_minute = forms.IntegerField(
        label=_("每分钟请求上限"), min_value=1, max_value=6000, initial=DEFAULT_RATE_PER_MINUTE
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["area"].queryset = areas
