from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.people.forms import ResidentSearchField
from fazhi.petitions.choices import Channel, Decision, Kind, Stabilisation, Status

BLANK = [("", _("全部"))]


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("编号/请求/信访人"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + Status.choices)
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=BLANK + Kind.choices)
    overdue = forms.BooleanField(label=_("即将到期或已逾期"), required=False)


class PetitionForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)
    channel = forms.ChoiceField(label=_("信访形式"), choices=Channel.choices)
    kind = forms.ChoiceField(label=_("信访类别"), choices=Kind.choices)
    received_on = forms.DateField(label=_("收到日期"), widget=DateInput())
    transferred_in = forms.BooleanField(label=_("上级转送、交办"), required=False)
    petitioners = forms.CharField(
        label=_("信访人（每行一人；代表在姓名后加“*”，多人走访代表不超过5人）"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    request = forms.CharField(label=_("信访请求"), widget=forms.Textarea(attrs={"rows": 2}))
    facts = forms.CharField(label=_("事实"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reasons = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    accused_name = forms.CharField(label=_("被检举控告人"), max_length=100, required=False)
    accused_unit = forms.CharField(label=_("被检举控告单位"), max_length=100, required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class AcceptForm(forms.Form):
    on = forms.DateField(label=_("受理并告知日期"), widget=DateInput())
    not_duplicate = forms.BooleanField(label=_("经核实不是同一信访事项"), required=False)


class ReasonForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DateInput())
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数（不超过30日）"), min_value=1)
    reason = forms.CharField(label=_("延长理由"), max_length=200)
    approved_by = forms.ModelChoiceField(label=_("批准负责人"), queryset=None)
    notified_on = forms.DateField(label=_("告知信访人日期"), widget=DateInput())

    def __init__(self, *args, leaders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = leaders if leaders is not None else get_user_model().objects.none()


class ReplyForm(forms.Form):
    on = forms.DateField(label=_("答复日期"), widget=DateInput())
    decision = forms.ChoiceField(label=_("处理意见"), choices=Decision.choices)
    decision_facts = forms.CharField(label=_("认定事实和理由"), widget=forms.Textarea(attrs={"rows": 2}))
    decision_basis = forms.CharField(label=_("处理依据"), widget=forms.Textarea(attrs={"rows": 2}))


class RequestForm(forms.Form):
    on = forms.DateField(label=_("申请日期"), widget=DateInput())
    organ = forms.CharField(label=_("受理机关"), max_length=100)


class DecideForm(forms.Form):
    on = forms.DateField(label=_("意见日期"), widget=DateInput())
    decision = forms.ChoiceField(label=_("意见"), choices=Decision.choices)


class ToDisputeForm(forms.Form):
    dispute_type = forms.ChoiceField(label=_("纠纷类型"))
    body = forms.ModelChoiceField(label=_("调解组织"), queryset=None)
    mediators = forms.ModelMultipleChoiceField(label=_("调解员"), queryset=None)

    def __init__(self, *args, dispute_types=(), bodies=None, mediators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispute_type"].choices = list(dispute_types)
        self.fields["body"].queryset = bodies
        self.fields["mediators"].queryset = mediators


class KeyPetitionerForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)
    name = forms.CharField(label=_("姓名"), max_length=50)
    resident = ResidentSearchField(label=_("登记居民"), required=False)
    responsible_leader = forms.ModelChoiceField(label=_("包案领导"), queryset=None, required=False)
    appeal = forms.CharField(label=_("主要诉求"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    status = forms.ChoiceField(label=_("稳控状态"), choices=Stabilisation.choices)
    since = forms.DateField(label=_("状态日期"), widget=DateInput())

    def __init__(self, *args, areas, residents, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["resident"].queryset = residents
        self.fields["responsible_leader"].queryset = leaders


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("稳控状态"), choices=Stabilisation.choices)
    on = forms.DateField(label=_("日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("走访日期"), widget=DateInput())
    visitors = forms.CharField(label=_("走访人"), max_length=200)
    notes = forms.CharField(label=_("走访情况"), widget=forms.Textarea(attrs={"rows": 2}))
