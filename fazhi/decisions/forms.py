from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.forms import DateInput
from fazhi.decisions.models import CommentStatus, ReviewConclusion, RiskLevel, Step


def _text(label, rows: int = 3, required: bool = True):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("决策事项"), max_length=200)
    year = forms.IntegerField(label=_("目录年度"), min_value=2000, max_value=2100)
    summary = _text(_("事项概述"), required=False)
    consultation_text = _text(_("征求意见稿（每段一行，公众按段落编号提意见）"), rows=8, required=False)
    participation_required = forms.BooleanField(label=_("需公众参与"), required=False)
    expert_required = forms.BooleanField(label=_("需专家论证"), required=False)
    risk_required = forms.BooleanField(label=_("需风险评估"), required=False)


class DecisionCreateForm(DecisionForm):
    area = forms.ModelChoiceField(label=_("决策机关所属区划"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_visible_to(user, Module.DECISIONS, CHANGE).filter(level__lte=3)
        self.order_fields(["area"])


class FilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False)
    q = forms.CharField(label=_("关键词"), required=False)


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), widget=DateInput())
    ends_on = forms.DateField(label=_("征求意见截止日"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("缩短期限理由"), required=False, max_length=200)
    note = _text(_("公布渠道及解读"), rows=2, required=False)


# Which extra fields each transition shows; the others stay hidden.
TRANSITION_FIELDS = {"open_comment": ["ends_on", "reason"], "announce": ["note"]}


class CatalogueForm(forms.Form):
    on = forms.DateField(label=_("目录公布日期"), widget=DateInput())


class ParticipationForm(forms.Form):
    comment_handling = _text(_("意见采纳情况说明"), rows=4)


class CommentRecordForm(forms.Form):
    """A comment received in writing or at a meeting, entered by staff."""

    received_on = forms.DateField(label=_("收到日期"), widget=DateInput())
    name = forms.CharField(label=_("署名"), max_length=50, required=False)
    paragraph = forms.IntegerField(label=_("针对段落"), required=False, min_value=1)
    text = _text(_("意见内容"))


class ExpertOpinionForm(forms.Form):
    expert = forms.CharField(label=_("专家姓名"), max_length=50)
    affiliation = forms.CharField(label=_("工作单位/专业"), max_length=100, required=False)
    opinion = _text(_("论证意见"))
    given_on = forms.DateField(label=_("论证日期"), widget=DateInput())


class RiskForm(forms.Form):
    risk_assessor = forms.CharField(label=_("风险评估单位"), max_length=100)
    risk_level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    risk_conclusion = _text(_("风险评估结论（风险点、防范措施、处置预案）"))


class ReviewForm(forms.Form):
    reviewer = forms.CharField(label=_("审查人员/机构"), max_length=100)
    review_conclusion = forms.ChoiceField(label=_("审查结论"), choices=ReviewConclusion.choices)
    review_opinion = _text(_("审查意见"))
    reviewed_on = forms.DateField(label=_("审查完成日"), widget=DateInput())


class DiscussionForm(forms.Form):
    meeting = forms.CharField(label=_("会议名称"), max_length=100)
    attendees = _text(_("出席人员"), rows=2)
    outcome = _text(_("决定内容"))


class StatementForm(forms.Form):
    speaker = forms.CharField(label=_("发言人"), max_length=50)
    statement = _text(_("发表意见"), rows=2)
    dissent = forms.BooleanField(label=_("持不同意见"), required=False)
    is_principal = forms.BooleanField(label=_("主要负责人（最后发言）"), required=False)


class ImplementationForm(forms.Form):
    implementing_unit = forms.CharField(label=_("执行单位"), max_length=100)
    implementation_notes = _text(_("执行情况"))


class EvaluationForm(forms.Form):
    evaluator = forms.CharField(label=_("评估单位"), max_length=100)
    evaluated_on = forms.DateField(label=_("评估日期"), widget=DateInput())
    evaluation = _text(_("评估结论"))


class AttachmentForm(forms.Form):
    step = forms.ChoiceField(label=_("所属环节"), choices=Step.choices)
    file = forms.FileField(label=_("文件"))


ADOPTION = [("", _("未定")), ("yes", _("采纳")), ("no", _("不采纳"))]


class ModerationForm(forms.Form):
    status = forms.ChoiceField(label=_("审核结果"), choices=CommentStatus.choices)
    adopted = forms.TypedChoiceField(
        label=_("是否采纳"),
        choices=ADOPTION,
        required=False,
        coerce=lambda v: v == "yes",
        empty_value=None,
    )
    reply = _text(_("答复"), rows=2, required=False)
