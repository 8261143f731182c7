from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.enforcement.choices import CaseStatus, CaseType, InspectionKind, RecordKind, RecordStep, ReviewConclusion


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if areas.count() == 1:
            self.fields["area"].initial = areas.first()


class OfficerForm(AreaForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    certificate_no = forms.CharField(label=_("执法证号"), max_length=40)
    certificate_issuer = forms.CharField(label=_("发证机关"), max_length=100, required=False)
    certificate_field = forms.CharField(label=_("执法领域"), max_length=100, required=False)
    certificate_issued_on = forms.DateField(label=_("发证日期"), widget=DateInput())
    certificate_valid_until = forms.DateField(label=_("执法证有效期至"), widget=DateInput())
    other_posts = forms.CharField(
        label=_("兼任其他岗位"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("每行一个岗位")
    )


class TrainingForm(forms.Form):
    on = forms.DateField(label=_("培训日期"), widget=DateInput())
    hours = forms.DecimalField(label=_("学时"), max_digits=5, decimal_places=1)
    topic = forms.CharField(label=_("培训内容"), max_length=200)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("案由/对象"), required=False)
    case_type = forms.ChoiceField(label=_("执法类别"), required=False, choices=[("", _("全部")), *CaseType.choices])
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *CaseStatus.choices])
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    major = forms.BooleanField(label=_("仅看重大"), required=False)


class CaseForm(AreaForm):
    title = forms.CharField(label=_("案由"), max_length=200)
    case_type = forms.ChoiceField(label=_("执法类别"), choices=CaseType.choices)
    party = forms.CharField(label=_("执法对象"), max_length=100, required=False)
    opened_on = forms.DateField(label=_("立案（启动）日期"), widget=DateInput())
    is_major = forms.BooleanField(label=_("重大执法决定（须法制审核）"), required=False)


class AssignForm(forms.Form):
    officers = forms.ModelMultipleChoiceField(
        label=_("承办执法人员"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    on = forms.DateField(label=_("指派日期"), widget=DateInput())

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class RecordForm(forms.Form):
    step = forms.ChoiceField(label=_("环节"), choices=RecordStep.choices)
    kind = forms.ChoiceField(label=_("记录形式"), choices=RecordKind.choices)
    upload = forms.FileField(label=_("文件"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class ReviewForm(forms.Form):
    reviewer = forms.CharField(label=_("审核人员"), max_length=50)
    reviewed_on = forms.DateField(label=_("审核日期"), widget=DateInput())
    conclusion = forms.ChoiceField(label=_("审核结论"), choices=ReviewConclusion.choices)
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    on = forms.DateField(label=_("决定日期"), widget=DateInput())
    conclusion = forms.CharField(label=_("执法结论（将用于公示）"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    on = forms.DateField(label=_("公示日期"), widget=DateInput())
    text = forms.CharField(
        label=_("公示内容（不得含完整姓名、身份证号）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RevokeForm(forms.Form):
    on = forms.DateField(label=_("决定撤销（确认违法）日期"), widget=DateInput())
    reason = forms.CharField(label=_("撤下理由"), max_length=300)


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("撤下日期"), widget=DateInput())


class InspectionForm(AreaForm):
    kind = forms.ChoiceField(label=_("类别"), choices=InspectionKind.choices)
    held_on = forms.DateField(label=_("检查日期"), widget=DateInput())
    scope = forms.CharField(label=_("检查范围"), max_length=200)
    inspector = forms.CharField(label=_("检查单位（人员）"), max_length=100)
    files_inspected = forms.IntegerField(label=_("评查案卷数"), initial=0)
    summary = forms.CharField(label=_("检查情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ProblemForm(forms.Form):
    description = forms.CharField(label=_("发现问题"), max_length=300)
    due_on = forms.DateField(label=_("整改期限"), widget=DateInput())


class RectifyForm(forms.Form):
    problem = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("整改完成日期"), widget=DateInput())
    rectification = forms.CharField(label=_("整改措施"), max_length=500)


class JointActionForm(AreaForm):
    held_on = forms.DateField(label=_("执法日期"), widget=DateInput())
    departments = forms.CharField(label=_("参与部门（用“、”分隔）"), max_length=300)
    subject = forms.CharField(label=_("执法事项"), max_length=200)
    result = forms.CharField(label=_("执法结果"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
