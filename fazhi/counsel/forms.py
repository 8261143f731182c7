from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.counsel.choices import OpinionKind


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
