from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.models import User
from fazhi.areas.models import Area
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.forms import DateInput
from fazhi.grid.choices import CATEGORY, MatterSource, MatterStatus, Satisfaction, StaffPost
from fazhi.people.forms import ResidentSearchField
from fazhi.people.models import Household, Resident


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx,.xls,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class MatterFilterForm(forms.Form):
    q = forms.CharField(label=_("编号/内容/地点"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *MatterStatus.choices])
    category = forms.ChoiceField(label=_("类别"), required=False)
    overdue = forms.BooleanField(label=_("仅看超期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("全部")), *dictionary_choices(CATEGORY)]


class MatterForm(forms.Form):
    area = forms.ModelChoiceField(label=_("网格"), queryset=Area.objects.none())
    category = forms.ChoiceField(label=_("类别"))
    description = forms.CharField(label=_("事项描述"), widget=forms.Textarea(attrs={"rows": 3}))
    resident = ResidentSearchField(label=_("反映人（已登记居民）"), required=False)
    raised_by_text = forms.CharField(label=_("反映人（未登记时填写）"), max_length=100, required=False)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    source = forms.ChoiceField(label=_("来源"), choices=MatterSource.choices, initial=MatterSource.GRID_REPORT)
    # The page registers a matter today, so today is the default; one that happened earlier keeps its own day.
    happened_on = forms.DateField(
        label=_("发生日期"),
        widget=DateInput(),
        initial=timezone.localdate,
        required=False,
        help_text=_("默认为登记当日"),
    )
    attachments = MultipleFileField(label=_("照片和文件"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    # 保存并继续添加 keeps where, when and what kind; 复制 takes all but the number, the dates and the photos.
    keep_fields = ("area", "category", "source", "happened_on", "place")
    copy_fields = ("area", "category", "description", "resident", "raised_by_text", "place", "source")

    def __init__(self, *args, grids=None, residents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = grids if grids is not None else Area.objects.none()
        self.fields["resident"].queryset = residents if residents is not None else Resident.objects.none()
        # Many categories: none is preselected, or an unpicked one would be counted as chosen.
        self.fields["category"].choices = [("", _("请选择")), *dictionary_choices(CATEGORY)]
        if not self.is_bound and "area" not in self.initial:
            only = list(self.fields["area"].queryset[:2])
            if len(only) == 1:  # a grid worker's only grid
                self.fields["area"].initial = only[0].pk


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    handler = forms.ModelChoiceField(label=_("承办人"), queryset=User.objects.none(), required=False)
    result = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reply = forms.CharField(label=_("答复群众"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    satisfaction = forms.ChoiceField(label=_("群众满意度"), choices=[("", "—"), *Satisfaction.choices], required=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers if handlers is not None else User.objects.none()
        for name in ("handler", "satisfaction"):
            self.fields[name].widget.attrs["class"] = "form-select"


class VisitForm(forms.Form):
    # A hidden pk filled by the household search on the page (a grid has hundreds or thousands of households:
    # never render them all). The queryset — the households the user may visit — only validates what is posted.
    household = forms.ModelChoiceField(
        label=_("户"),
        queryset=Household.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("请搜索并选择走访的户。"),
            "invalid_choice": _("所选的户不在您负责的网格内，请重新搜索选择。"),
        },
    )
    visited_on = forms.DateField(label=_("走访日期"), widget=DateInput())
    notes = forms.CharField(label=_("走访情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    # Enter once: the household's facts and a matter can be updated / raised from the same form.
    address = forms.CharField(label=_("更新住址"), max_length=200, required=False)
    member_count = forms.IntegerField(label=_("更新家庭人口"), min_value=0, max_value=99, required=False)
    matter_category = forms.ChoiceField(label=_("发现事项类别"), required=False)
    matter_description = forms.CharField(
        label=_("发现事项描述"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    attachments = MultipleFileField(label=_("事项照片和文件"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households if households is not None else Household.objects.none()
        self.fields["matter_category"].choices = [("", _("无")), *dictionary_choices(CATEGORY)]

    def clean(self):
        data = super().clean()
        if data.get("matter_category") and not (data.get("matter_description") or "").strip():
            self.add_error("matter_description", _("请填写发现事项的描述。"))
        return data


class VisitFilterForm(forms.Form):
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DateInput())


class StaffForm(forms.Form):
    post = forms.ChoiceField(label=_("岗位"), choices=StaffPost.choices)
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    unit = forms.CharField(label=_("单位/职务"), max_length=100, required=False)
    valid_from = forms.DateField(label=_("任职起始"), widget=DateInput())


class StaffEndForm(forms.Form):
    valid_to = forms.DateField(label=_("任职截止"), widget=DateInput())


class DuplicateForm(forms.Form):
    number = forms.CharField(label=_("与哪件事项重复（编号）"), max_length=30)


class ReplyTemplateForm(forms.Form):
    area = forms.ModelChoiceField(label=_("适用范围"), queryset=Area.objects.none())
    title = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()


class StaffImportForm(forms.Form):
    file = forms.FileField(label=_("Excel文件（.xlsx）"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
