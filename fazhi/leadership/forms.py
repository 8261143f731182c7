from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.leadership.choices import DutyKind, GroupPost, MeetingKind, TaskProgress


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if areas.count() == 1:
            self.fields["area"].initial = areas.first()


class GroupForm(AreaForm):
    name = forms.CharField(label=_("名称"), max_length=80, initial=_("全面依法治乡工作领导小组"))
    document_no = forms.CharField(label=_("成立/调整文号"), max_length=60, required=False)
    established_on = forms.DateField(label=_("成立日期"), widget=DateInput())


class MemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    title = forms.CharField(label=_("职务"), max_length=60)
    post = forms.ChoiceField(label=_("小组职务"), choices=GroupPost.choices)
    valid_from = forms.DateField(label=_("任职起始"), widget=DateInput())


class MemberEndForm(forms.Form):
    valid_to = forms.DateField(label=_("任职截止"), widget=DateInput())


class MeetingForm(AreaForm):
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    held_on = forms.DateField(label=_("会议日期"), widget=DateInput())
    topic = forms.CharField(label=_("议题"), max_length=200)
    decisions = forms.CharField(label=_("议定事项"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    hears_annual_report = forms.BooleanField(label=_("专题听取上年度法治政府建设情况汇报"), required=False)


class PlanForm(AreaForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=120, required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("任务"), max_length=200)
    owner = forms.CharField(label=_("责任人"), max_length=40)
    unit = forms.CharField(label=_("责任单位"), max_length=60)
    deadline = forms.DateField(label=_("完成时限"), widget=DateInput())


class TaskUpdateForm(forms.Form):
    progress = forms.ChoiceField(label=_("进度"), choices=TaskProgress.choices)
    evidence = forms.CharField(label=_("完成情况及佐证"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DutyForm(AreaForm):
    kind = forms.ChoiceField(label=_("类别"), choices=DutyKind.choices)
    person = forms.CharField(label=_("负责人"), max_length=40)
    person_title = forms.CharField(label=_("职务"), max_length=60)
    occurred_on = forms.DateField(label=_("日期"), widget=DateInput())
    content = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}))
    done = forms.BooleanField(label=_("已落实"), required=False, initial=True)
