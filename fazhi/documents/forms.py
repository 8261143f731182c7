from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.forms import DateInput
from fazhi.documents.choices import AspectResult, CleanupDecision, DocumentStatus, ReviewBody, ReviewConclusion


class DocumentForm(forms.Form):
    area = forms.ModelChoiceField(label=_("制定机关所属区划"), queryset=None)
    title = forms.CharField(label=_("文件标题"), max_length=200)
    drafting_unit = forms.CharField(label=_("起草单位"), max_length=100)
    consultation_required = forms.BooleanField(
        label=_("须公开征求意见（涉及群众切身利益或市场主体生产经营）"), required=False
    )
    draft_file = forms.FileField(
        label=_("草案文件（.docx 或 .pdf，不超过10MB）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )
    body = forms.CharField(
        label=_("文件正文"),
        required=False,
        help_text=_("正文为空时，从上传的草案文件中提取。"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["area"]
        else:
            self.fields["area"].queryset = areas_visible_to(user, Module.DOCUMENTS, CHANGE).filter(level__lte=3)


class DocumentFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *DocumentStatus.choices])
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("搜索"), required=False, max_length=50)


class TransitionForm(forms.Form):
    """One generic step; only the fields that step needs are kept."""

    FIELDS = {
        "deliberate": ["meeting"],
        "issue": ["registration_no", "valid_until"],
    }

    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), widget=DateInput())
    meeting = forms.CharField(label=_("审议会议"), required=False, max_length=100)
    registration_no = forms.CharField(label=_("文号"), required=False, max_length=60)
    valid_until = forms.DateField(
        label=_("有效期至"),
        required=False,
        widget=DateInput(),
        help_text=_("不填则按默认有效期（一般5年，暂行、试行2年）。"),
    )
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        action = action or self.data.get("action", "")
        keep = {"action", "on", "note", *self.FIELDS.get(action, [])}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]


def _result():
    return forms.ChoiceField(choices=AspectResult.choices, widget=forms.RadioSelect)


def _opinion():
    return forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    """合法性审核表 (国办发〔2018〕115号, docs/law.md ND-10)."""

    body = forms.ChoiceField(label=_("审核机构"), choices=ReviewBody.choices)
    reviewer_name = forms.CharField(label=_("审核人"), max_length=50)
    on = forms.DateField(label=_("审核日期"), widget=DateInput())
    authority_result = _result()
    authority_opinion = _opinion()
    content_result = _result()
    content_opinion = _opinion()
    procedure_result = _result()
    procedure_opinion = _opinion()
    conclusion = forms.ChoiceField(label=_("审核结论"), choices=ReviewConclusion.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("总体审核意见"), widget=forms.Textarea(attrs={"rows": 3}))

    ASPECT_LABELS = {
        "authority": _("制定主体、权限与依据"),
        "content": _("内容（是否违法设定许可、处罚、强制、收费，是否减损权利、增加义务，是否限制竞争）"),
        "procedure": _("程序（起草、征求意见、审核程序）"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for aspect, label in self.ASPECT_LABELS.items():
            self.fields[f"{aspect}_result"].label = label
            self.fields[f"{aspect}_opinion"].label = _("意见")


class FlagDecisionForm(forms.Form):
    status = forms.ChoiceField(choices=[("confirmed", _("确认")), ("dismissed", _("排除"))])
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


class CampaignForm(forms.Form):
    area = forms.ModelChoiceField(label=_("区划"), queryset=None)
    title = forms.CharField(label=_("清理名称"), max_length=200)
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    reason = forms.CharField(label=_("清理事由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_visible_to(user, Module.DOCUMENTS, CHANGE).filter(level__lte=3)


class CleanupDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("清理结论"), choices=CleanupDecision.choices)
    on = forms.DateField(label=_("决定日期"), widget=DateInput())
    note = forms.CharField(label=_("理由"), required=False, max_length=500)
