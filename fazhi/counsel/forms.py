from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.counsel.choices import AdviserLevel, CaseKind, CaseOutcome, OpinionKind, ReviewConclusion


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if areas.count() == 1:
            self.fields["area"].initial = areas.first()


class AdviserForm(AreaForm):
    name = forms.CharField(label=_("顾问（律师）"), max_length=40)
    firm = forms.CharField(label=_("顾问单位"), max_length=80, required=False)
    level = forms.ChoiceField(
        label=_("顾问层级"), required=False, choices=[("", _("按所属区划")), *AdviserLevel.choices]
    )
    contract_from = forms.DateField(label=_("聘期起"), widget=DateInput())
    contract_to = forms.DateField(label=_("聘期止"), widget=DateInput())


class DutyDayForm(forms.Form):
    on = forms.DateField(label=_("坐班日期"), widget=DateInput())
    place = forms.CharField(label=_("地点"), max_length=60, required=False)
    note = forms.CharField(label=_("工作内容"), max_length=200, required=False)


class OpinionForm(forms.Form):
    issued_on = forms.DateField(label=_("出具日期"), widget=DateInput())
    kind = forms.ChoiceField(label=_("类别"), choices=OpinionKind.choices)
    subject = forms.CharField(label=_("事项"), max_length=200)


class ConsultationForm(AreaForm):
    received_on = forms.DateField(label=_("日期"), widget=DateInput())
    person = forms.CharField(label=_("咨询人"), max_length=40, required=False)
    topic = forms.CharField(label=_("咨询事项"), max_length=200)
    headcount = forms.IntegerField(label=_("人次"), initial=1)
    referred_to_mediation = forms.BooleanField(label=_("转人民调解"), required=False)
    adviser = forms.ModelChoiceField(label=_("接待顾问"), queryset=None, required=False)

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


class ContractForm(AreaForm):
    title = forms.CharField(label=_("合同名称"), max_length=200)
    counterparty = forms.CharField(label=_("合同相对方"), max_length=120)
    amount = forms.DecimalField(label=_("合同金额（元）"), max_digits=14, decimal_places=2, required=False)
    drafting_unit = forms.CharField(label=_("承办（起草）单位"), max_length=80)
    submitted_on = forms.DateField(label=_("送审日期"), widget=DateInput())


class ContractReviewForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("审查顾问"), queryset=None)
    reviewed_on = forms.DateField(label=_("审查日期"), widget=DateInput())
    conclusion = forms.ChoiceField(label=_("审查结论"), choices=ReviewConclusion.choices)
    opinion = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = advisers


class ContractSignForm(forms.Form):
    signed_on = forms.DateField(label=_("签订日期"), widget=DateInput())


class LegalCaseForm(AreaForm):
    kind = forms.ChoiceField(label=_("类别"), choices=CaseKind.choices)
    case_number = forms.CharField(label=_("案号"), max_length=60)
    claimant = forms.CharField(label=_("申请人（原告）"), max_length=120)
    subject = forms.CharField(label=_("被申请（被诉）行为"), max_length=200)
    filed_on = forms.DateField(label=_("受理（立案）日期"), widget=DateInput())
    organ = forms.CharField(label=_("复议机关（法院）"), max_length=80)


class LegalCaseCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("结果"), choices=[c for c in CaseOutcome.choices if c[0] != CaseOutcome.PENDING]
    )
    closed_on = forms.DateField(label=_("结案日期"), widget=DateInput())


class CourtAppearanceForm(forms.Form):
    hearing_on = forms.DateField(label=_("开庭日期"), widget=DateInput())
    leader_name = forms.CharField(label=_("出庭负责人"), max_length=40)
    leader_post = forms.CharField(label=_("职务"), max_length=40)
    is_principal = forms.BooleanField(label=_("主要负责人出庭"), required=False)
