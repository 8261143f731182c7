from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.forms import DateInput
from fazhi.mediation.choices import (
    DISPUTE_TYPE,
    MEDIATOR_KIND,
    AgreementForm,
    BodyKind,
    ConfirmationResult,
    DisputeSource,
    DisputeStatus,
    PartyRole,
    Performance,
    Tier,
)
from fazhi.mediation.models import MediationBody, Mediator
from fazhi.people.forms import ResidentSearchField

BLANK = [("", _("全部"))]
# A choice with many answers starts empty: a default the user did not pick would be counted as if they had.
UNCHOSEN = [("", _("请选择"))]


class DisputeFilterForm(forms.Form):
    q = forms.CharField(label=_("编号/简述/当事人"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + DisputeStatus.choices)
    tier = forms.ChoiceField(label=_("处理层级"), required=False, choices=BLANK + Tier.choices)
    dispute_type = forms.ChoiceField(label=_("纠纷类型"), required=False)
    key_group = forms.BooleanField(label=_("涉及重点群体"), required=False)
    overdue = forms.BooleanField(label=_("已逾期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispute_type"].choices = BLANK + dictionary_choices(DISPUTE_TYPE)


class DisputeForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)
    title = forms.CharField(label=_("纠纷简述"), max_length=200)
    facts = forms.CharField(label=_("主要事实与争议事项"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    dispute_type = forms.ChoiceField(label=_("纠纷类型"))
    source = forms.ChoiceField(label=_("来源"), choices=UNCHOSEN + DisputeSource.choices)
    tier = forms.ChoiceField(label=_("处理层级"), choices=Tier.choices, initial=Tier.GENERAL)
    key_group = forms.BooleanField(label=_("涉及重点群体"), required=False)
    amount = forms.DecimalField(label=_("涉及金额（元）"), required=False, min_value=0, max_digits=12, decimal_places=2)
    received_on = forms.DateField(label=_("受理日期"), widget=DateInput())
    applicant = forms.CharField(label=_("申请人（当事人一）"), max_length=100)
    applicant_resident = ResidentSearchField(label=_("申请人为登记居民"), required=False)
    respondent = forms.CharField(label=_("被申请人（当事人二）"), max_length=100, required=False)
    respondent_resident = ResidentSearchField(label=_("被申请人为登记居民"), required=False)
    body = forms.ModelChoiceField(label=_("调解组织"), queryset=None, required=False)
    mediators = forms.ModelMultipleChoiceField(label=_("调解员"), queryset=None, required=False)
    leader = forms.ModelChoiceField(label=_("包案领导"), queryset=None, required=False)

    # 保存并继续添加 keeps what a day's intake shares; 复制 takes the case but not its number or 受理日期.
    keep_fields = ("area", "received_on", "dispute_type", "source", "tier", "body", "mediators", "leader")

    @classmethod
    def copy_initial(cls, dispute) -> dict:
        initial = {
            name: getattr(dispute, name)
            for name in ("title", "facts", "dispute_type", "source", "tier", "key_group", "amount")
        }
        initial.update(
            area=dispute.area_id,
            body=dispute.body_id,
            leader=dispute.leader_id,
            mediators=[m.pk for m in dispute.mediators.all()],
        )
        for party in dispute.parties.all():
            prefix = "applicant" if party.role == PartyRole.APPLICANT else "respondent"
            initial.setdefault(prefix, party.name)
            initial.setdefault(f"{prefix}_resident", party.resident_id)
        return initial

    def __init__(self, *args, areas, bodies, mediators, leaders, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["dispute_type"].choices = UNCHOSEN + dictionary_choices(DISPUTE_TYPE)
        self.fields["body"].queryset = bodies
        self.fields["mediators"].queryset = mediators
        self.fields["leader"].queryset = leaders
        self.fields["applicant_resident"].queryset = residents
        self.fields["respondent_resident"].queryset = residents


class OnSiteForm(forms.Form):
    """简易纠纷 recorded after the fact: the outcome in the same form."""

    on_site_resolved = forms.BooleanField(label=_("已现场调解成功（简易纠纷事后登记）"), required=False)
    terms = forms.CharField(label=_("协议内容"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    performance_method = forms.CharField(label=_("履行方式"), max_length=200, required=False)
    performance_due = forms.DateField(label=_("履行期限"), widget=DateInput(), required=False)
    form = forms.ChoiceField(
        label=_("协议形式"), choices=AgreementForm.choices, initial=AgreementForm.ORAL, required=False
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("调解日期"), widget=DateInput())
    place = forms.CharField(label=_("地点"), max_length=200)
    parties_present = forms.CharField(label=_("到场当事人"), max_length=300, required=False)
    notes = forms.CharField(label=_("调解情况"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("附件"), required=False)


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("升级理由"), widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.ModelChoiceField(label=_("调解组织"), queryset=MediationBody.objects.none(), required=False)
    mediators = forms.ModelMultipleChoiceField(label=_("调解员"), queryset=Mediator.objects.none(), required=False)
    leader = forms.ModelChoiceField(label=_("包案领导"), queryset=None, required=False)

    def __init__(self, *args, bodies, mediators, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["mediators"].queryset = mediators
        self.fields["leader"].queryset = leaders


class AssignForm(forms.Form):
    body = forms.ModelChoiceField(label=_("调解组织"), queryset=MediationBody.objects.none(), required=False)
    mediators = forms.ModelMultipleChoiceField(label=_("调解员"), queryset=Mediator.objects.none())

    def __init__(self, *args, bodies, mediators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["mediators"].queryset = mediators


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("延长理由"), max_length=200)


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("调解结果"),
        choices=[(s.value, s.label) for s in (DisputeStatus.RESOLVED, DisputeStatus.FAILED, DisputeStatus.TERMINATED)],
    )
    on = forms.DateField(label=_("结案日期"), widget=DateInput())
    reason = forms.CharField(
        label=_("理由（调解不成、终止时必填）"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    form = forms.ChoiceField(label=_("协议形式"), choices=AgreementForm.choices)
    facts = forms.CharField(
        label=_("主要事实、争议事项及各方责任"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    terms = forms.CharField(label=_("协议内容（每行一条）"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    performance_method = forms.CharField(label=_("履行方式"), max_length=200, required=False)
    performance_due = forms.DateField(label=_("履行期限"), widget=DateInput(), required=False)


class ConfirmApplyForm(forms.Form):
    applied_on = forms.DateField(label=_("申请日期"), widget=DateInput())
    court = forms.CharField(label=_("受理法院"), max_length=100)


class ConfirmDecideForm(forms.Form):
    result = forms.ChoiceField(
        label=_("结果"),
        choices=[(c.value, c.label) for c in (ConfirmationResult.CONFIRMED, ConfirmationResult.REJECTED)],
    )
    decided_on = forms.DateField(label=_("裁定日期"), widget=DateInput())


class FollowUpForm(forms.Form):
    visited_on = forms.DateField(label=_("回访日期"), widget=DateInput())
    performance = forms.ChoiceField(
        label=_("协议履行情况"), choices=[c for c in Performance.choices if c[0] != "pending"]
    )
    notes = forms.CharField(label=_("回访情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reopen = forms.BooleanField(label=_("协议未履行，重新调解"), required=False)


class BodyForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类别"), choices=BodyKind.choices)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class MediatorForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)
    name = forms.CharField(label=_("姓名"), max_length=50)
    kind = forms.ChoiceField(label=_("类别"))
    body = forms.ModelChoiceField(label=_("所属调解组织"), queryset=None, required=False)
    unit = forms.CharField(label=_("单位/职务"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    valid_from = forms.DateField(label=_("聘任起始"), widget=DateInput())
    valid_to = forms.DateField(label=_("聘任截止"), widget=DateInput(), required=False)

    def __init__(self, *args, areas, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["kind"].choices = dictionary_choices(MEDIATOR_KIND)
        self.fields["body"].queryset = bodies


PARTY_ROLES = PartyRole
