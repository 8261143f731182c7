from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import Area, Level
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.widgets import SearchChoiceField
from fazhi.people.choices import TAG, ResidentStatus
from fazhi.people.models import Household, Reveal


class ResidentFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名/拼音首字母/身份证号/电话"), required=False)
    tag = forms.ChoiceField(label=_("标签"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *ResidentStatus.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("全部")), *dictionary_choices(TAG)]


class ResidentForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属网格"), queryset=Area.objects.none(), required=False)
    household = forms.ModelChoiceField(label=_("所属户"), queryset=Household.objects.none(), required=False)
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("身份证号"), max_length=18, required=False, help_text=_("填写后自动得出出生日期和性别。")
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ResidentStatus.choices, initial=ResidentStatus.RESIDENT)
    tags = forms.MultipleChoiceField(label=_("标签"), required=False, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, grids=None, households=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = grids if grids is not None else Area.objects.none()
        self.fields["household"].queryset = households if households is not None else Household.objects.none()
        self.fields["tags"].choices = dictionary_choices(TAG)
        if editing:
            # Full values are never put back into a page: leave blank to keep the stored number.
            self.fields["id_number"].help_text = _("留空则保持原值不变。")
            self.fields["phone"].help_text = _("留空则保持原值不变。")

    def clean(self):
        data = super().clean()
        if not data.get("area") and not data.get("household"):
            raise forms.ValidationError(_("请选择所属网格或户。"))
        return data


class RevealForm(forms.Form):
    field = forms.ChoiceField(label=_("查看项"), choices=Reveal.Field.choices)
    reason = forms.CharField(label=_("查看理由"), max_length=200)


class HouseholdFilterForm(forms.Form):
    q = forms.CharField(label=_("户编号/户主/住址"), required=False)


class HouseholdForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属网格"), queryset=Area.objects.none())
    number = forms.CharField(label=_("户编号"), max_length=30)
    head_name = forms.CharField(label=_("户主姓名"), max_length=50)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    member_count = forms.IntegerField(label=_("家庭人口"), min_value=0, max_value=99, initial=1)

    def __init__(self, *args, grids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = grids if grids is not None else Area.objects.none()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel文件（.xlsx）"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


def resident_tells_apart(resident) -> str:
    """What tells two residents of the same name apart in a search box: village and grid, sex, age, the masked
    身份证号's tail — nothing the masks do not already show."""
    area = resident.area
    parent = area.parent if area.level == Level.GRID else None
    place = f"{parent.name} {area.name}" if parent and parent.name not in area.name else area.name
    parts = [place]
    if resident.sex:
        parts.append(resident.get_sex_display())
    if resident.birth_year:
        parts.append(_("%(n)d岁") % {"n": timezone.localdate().year - resident.birth_year})
    if resident.id_number_masked:
        parts.append(_("身份证尾号 %(tail)s") % {"tail": resident.id_number_masked.lstrip("*")})
    return " · ".join(str(p) for p in parts)


class ResidentSearchField(SearchChoiceField):
    """A registered resident, found by typing (people:resident_search); the queryset, the user's scope, only
    checks what is posted."""

    def __init__(self, **kwargs):
        super().__init__(search_url_name="people:resident_search", **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{resident_tells_apart(obj)}）"
