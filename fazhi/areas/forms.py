from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Role
from fazhi.areas.models import Area, Level
from fazhi.core.forms import DateInput


class AreaFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或代码"), required=False)
    level = forms.TypedChoiceField(
        label=_("层级"), required=False, coerce=int, empty_value=None, choices=[("", _("全部")), *Level.choices]
    )
    include_retired = forms.BooleanField(label=_("含已停用"), required=False)


class AreaCreateForm(forms.Form):
    level = forms.TypedChoiceField(label=_("层级"), coerce=int, choices=Level.choices)
    name = forms.CharField(label=_("名称"), max_length=60)
    code = forms.CharField(
        label=_("区划代码"), max_length=12, required=False, help_text=_("县、乡镇、村（社区）填写12位统计用区划代码")
    )
    grid_number = forms.IntegerField(
        label=_("网格编号"), min_value=1, required=False, help_text=_("网格填写在本村（社区）内的编号")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for every level but the grid (the service says so on saving): marked, though not required here.
        self.fields["code"].required_mark = True


class AreaRetireForm(forms.Form):
    valid_to = forms.DateField(label=_("停用日期"), widget=DateInput())


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("用户名或姓名"), required=False)


class PostGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    area = forms.ModelChoiceField(label=_("区划"), queryset=Area.objects.none())
    title = forms.CharField(label=_("职务"), max_length=60, required=False)

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["area"].queryset = areas


class MemberCreateForm(PostGrantForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.CharField(label=_("单位"), max_length=100, required=False)
    password = forms.CharField(
        label=_("初始密码"), strip=False, widget=forms.PasswordInput, help_text=_("首次登录时须修改")
    )
    field_order = ["username", "display_name", "unit", "password", "role", "area", "title"]


class PostEndForm(forms.Form):
    valid_to = forms.DateField(label=_("任职截止"), widget=DateInput())
