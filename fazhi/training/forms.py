from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.core.quick_entry import DateListField
from fazhi.training.choices import SessionKind
from fazhi.training.rules import DEFAULTS


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("单位（区划）"), queryset=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if areas.count() == 1:
            self.fields["area"].initial = areas.first()


class SessionFilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部")), *SessionKind.choices])


class SessionForm(AreaForm):
    kind = forms.ChoiceField(label=_("类型"), choices=SessionKind.choices)
    held_on = forms.DateField(label=_("日期"), widget=DateInput())
    topic = forms.CharField(label=_("主题"), max_length=200)
    materials = forms.CharField(label=_("学习材料"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    trainer = forms.CharField(label=_("主讲/授课人"), max_length=60, required=False)
    hours = forms.DecimalField(label=_("学时"), max_digits=4, decimal_places=1, initial=1)
    participants = forms.IntegerField(label=_("参加人次"), initial=0, help_text=_("点名参学的干部自动计入"))
    cadres = forms.ModelMultipleChoiceField(
        label=_("参学干部"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    # 保存并继续添加 keeps what a run of sessions shares; 复制 takes all but the date (a session is one day's).
    keep_fields = ("area", "kind", "held_on", "hours", "trainer")
    copy_fields = ("area", "kind", "topic", "materials", "trainer", "hours", "participants")

    def __init__(self, *args, cadres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadres"].queryset = cadres


class SessionSeriesForm(SessionForm):
    """Recurring sessions (e.g. twelve monthly 集体学法): the shared fields once and a list of dates."""

    held_on = None
    dates = DateListField(label=_("日期（每行一个）"))
    field_order = ["area", "kind", "dates"]


class AttendanceForm(forms.Form):
    cadres = forms.ModelMultipleChoiceField(label=_("参学干部"), queryset=None, widget=forms.CheckboxSelectMultiple)
    hours = forms.DecimalField(label=_("学时"), max_digits=4, decimal_places=1, required=False)

    def __init__(self, *args, cadres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadres"].queryset = cadres


class CadreForm(AreaForm):
    name = forms.CharField(label=_("姓名"), max_length=40)
    title = forms.CharField(label=_("职务"), max_length=60, required=False)
    is_enforcement_officer = forms.BooleanField(label=_("行政执法人员"), required=False)
    is_leader = forms.BooleanField(label=_("领导班子成员"), required=False)


class ExamForm(AreaForm):
    held_on = forms.DateField(label=_("考试日期"), widget=DateInput())
    title = forms.CharField(label=_("名称"), max_length=120)
    pass_mark = forms.DecimalField(label=_("及格分"), max_digits=5, decimal_places=1, initial=60)
    full_mark = forms.DecimalField(label=_("满分"), max_digits=5, decimal_places=1, initial=100)


class ScoreForm(forms.Form):
    cadre = forms.ModelChoiceField(label=_("干部"), queryset=None)
    score = forms.DecimalField(label=_("成绩"), max_digits=5, decimal_places=1)

    def __init__(self, *args, cadres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres


class RequirementForm(forms.Form):
    key = forms.ChoiceField(label=_("规则"), choices=[(k, v["label"]) for k, v in DEFAULTS.items()])
    value = forms.DecimalField(label=_("数值"), max_digits=6, decimal_places=1)
    source = forms.CharField(label=_("依据"), max_length=200)
