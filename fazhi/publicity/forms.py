from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.forms import DateInput
from fazhi.core.quick_entry import DateListField
from fazhi.publicity.choices import AUDIENCE, FORM, MATERIAL, THEME, UNIT_CHOICES, MaterialMode, Platform, Strand


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if areas.count() == 1:
            self.fields["area"].initial = areas.first()


class ActivityFilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    strand = forms.ChoiceField(label=_("计入"), required=False, choices=[("", _("全部")), *Strand.choices])
    q = forms.CharField(label=_("名称或地点"), required=False)


class ActivityForm(AreaForm):
    held_on = forms.DateField(label=_("日期"), widget=DateInput())
    title = forms.CharField(label=_("活动名称"), max_length=200)
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    form = forms.ChoiceField(label=_("形式"))
    strand = forms.ChoiceField(label=_("计入"), choices=Strand.choices, initial=Strand.POPULAR)
    themes = forms.MultipleChoiceField(label=_("法律或主题"), required=False, widget=forms.CheckboxSelectMultiple)
    participants = forms.IntegerField(label=_("参与人次"), initial=0)
    plan_item = forms.ModelChoiceField(label=_("落实计划事项"), queryset=None, required=False)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photo = forms.FileField(label=_("照片"), required=False)

    # 保存并继续添加 keeps what a day's round of activities shares; 复制 takes all but the date and the photo.
    keep_fields = ("area", "held_on", "place", "form", "strand", "themes", "plan_item")

    @classmethod
    def copy_initial(cls, activity) -> dict:
        initial = {
            "area": activity.area_id,
            "title": activity.title,
            "place": activity.place,
            "form": activity.form,
            "strand": activity.strand,
            "themes": [t.theme for t in activity.themes.all()],
            "participants": activity.participants,
            "plan_item": activity.plan_item_id,
            "note": activity.note,
        }
        initial.update({f"aud_{a.audience}": a.reached for a in activity.audiences.all()})
        return initial

    def __init__(self, *args, plan_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = dictionary_choices(FORM)
        self.fields["themes"].choices = dictionary_choices(THEME)
        self.fields["plan_item"].queryset = plan_items
        self.audience_fields = []
        for code, label in dictionary_choices(AUDIENCE):
            name = f"aud_{code}"
            self.fields[name] = forms.IntegerField(label=label, required=False, help_text=_("覆盖人数"))
            self.audience_fields.append(name)

    def audiences(self) -> dict[str, int]:
        return {
            name.removeprefix("aud_"): self.cleaned_data[name]
            for name in self.audience_fields
            if self.cleaned_data.get(name) is not None
        }


class ActivitySeriesForm(ActivityForm):
    """Recurring activities (e.g. a monthly 法治赶场): the shared fields once and a list of dates. Materials and
    photos differ from one day to the next, so a series leaves them out; such an activity is entered on its own."""

    held_on = None
    photo = None
    dates = DateListField(label=_("日期（每行一个）"))
    field_order = ["area", "dates"]


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("资料种类"))
    mode = forms.ChoiceField(label=_("方式"), choices=MaterialMode.choices)
    quantity = forms.IntegerField(label=_("数量"), required=False)
    unit = forms.ChoiceField(label=_("单位"), choices=[("", "—"), *UNIT_CHOICES], required=False)
    approximate = forms.BooleanField(label=_("约数"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = dictionary_choices(MATERIAL)

    def is_blank(self) -> bool:
        """A row left empty (the kind select always has a value, so only quantity and unit count)."""
        data = getattr(self, "cleaned_data", {})
        return data.get("quantity") is None and not data.get("unit")


MaterialFormSet = forms.formset_factory(MaterialForm, extra=3)


class PlanForm(AreaForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=120)


class PlanItemForm(forms.Form):
    title = forms.CharField(label=_("内容"), max_length=200)
    audience = forms.ChoiceField(label=_("对象"))
    due_by = forms.DateField(label=_("时间"), widget=DateInput())
    responsible = forms.CharField(label=_("责任人/单位"), max_length=60)
    target_count = forms.IntegerField(label=_("计划场次"), initial=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = dictionary_choices(AUDIENCE)


class AccountForm(AreaForm):
    name = forms.CharField(label=_("账号名称"), max_length=60)
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices)


class SeriesForm(forms.Form):
    account = forms.ModelChoiceField(label=_("账号"), queryset=None)
    title = forms.CharField(label=_("系列名称"), max_length=100)

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts


class PostForm(forms.Form):
    account = forms.ModelChoiceField(label=_("账号"), queryset=None)
    published_on = forms.DateField(label=_("发布日期"), widget=DateInput())
    title = forms.CharField(label=_("标题"), max_length=200)
    topic = forms.ChoiceField(label=_("主题"))
    link = forms.URLField(label=_("链接"), required=False, assume_scheme="https")
    views = forms.IntegerField(label=_("浏览量"), required=False)
    series = forms.ModelChoiceField(label=_("所属系列"), queryset=None, required=False)
    episode_no = forms.IntegerField(label=_("期数"), required=False, min_value=1)

    def __init__(self, *args, accounts, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["series"].queryset = series
        self.fields["topic"].choices = dictionary_choices(THEME)


class ReachForm(forms.Form):
    area = forms.ModelChoiceField(label=_("乡镇"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
