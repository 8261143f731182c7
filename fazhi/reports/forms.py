from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.concurrency import VERSION_FIELD
from fazhi.core.forms import DateInput
from fazhi.reports.choices import ContentKind, SectionLevel, Start


class ReportCreateForm(forms.Form):
    area = forms.ModelChoiceField(label=_("乡镇/县"), queryset=None)
    year = forms.IntegerField(label=_("报告年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=200, required=False, help_text=_("留空则按默认格式生成"))
    start = forms.ChoiceField(
        label=_("报告正文从哪里开始"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("自动：有上一年度报告则沿用，否则用县里发布的模板，再否则生成初稿")), *Start.choices],
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("标题"), max_length=200, required=False)
    # strip=False: the text is saved as typed (the service trims its ends), and shown again exactly if refused.
    body = forms.CharField(label=_("正文"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8}))
    # The section's version the editor was opened on (core.concurrency): a save over a newer text is refused.
    # Posted unprefixed, as every versioned form posts it (core.concurrency.submitted_version reads "version").
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def add_prefix(self, field_name):
        return VERSION_FIELD if field_name == VERSION_FIELD else super().add_prefix(field_name)


class SectionMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("上移")), ("down", _("下移"))])


class SectionAddForm(forms.Form):
    level = forms.TypedChoiceField(label=_("层级"), choices=SectionLevel.choices, coerce=int)
    heading = forms.CharField(label=_("标题"), max_length=200, required=False)
    body = forms.CharField(label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    content_kind = forms.ChoiceField(label=_("对应法定内容"), required=False, choices=[("", "—"), *ContentKind.choices])


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), required=False, widget=DateInput())
    reviewer = forms.CharField(label=_("保密审查人"), max_length=40, required=False)
    url = forms.URLField(label=_("公开网址"), required=False, assume_scheme="https")


class SuggestionForm(forms.Form):
    text = forms.CharField(label=_("问题表述"), max_length=500)


class RectificationForm(forms.Form):
    problem = forms.CharField(label=_("问题"), max_length=300)
    measure = forms.CharField(label=_("整改措施"), max_length=300)
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput())


class RectificationCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("销号日期"), widget=DateInput())


class AreaYearForm(forms.Form):
    area = forms.ModelChoiceField(label=_("区划"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class AddresseeForm(forms.Form):
    # No max_length here: the service gives the one message for a too long 主送机关.
    addressee = forms.CharField(
        label=_("主送机关"), required=False, help_text=_("多个机关用顿号分隔；留空则按上级区划自动填写")
    )


class CountyTemplateForm(forms.Form):
    county = forms.ModelChoiceField(label=_("县"), queryset=None)
    year = forms.IntegerField(label=_("适用年度"), min_value=2000, max_value=2100)
    outline = forms.CharField(
        label=_("模板提纲"),
        required=False,  # the service says what an empty outline lacks
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "“一、”开头的行为一级标题，“（一）”开头的行为二级标题，其余为上方标题下的正文；指标写作【指标名称】，"
            "各乡镇的称谓写作【全乡镇】【我乡镇】【乡镇党委】【乡镇政府】，生成报告时换成各乡镇自己的称谓和数据。"
        ),
    )

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
