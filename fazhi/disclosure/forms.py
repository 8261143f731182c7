from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.disclosure.models import BoardCategory, Frequency


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx,.xls,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class BoardFilterForm(forms.Form):
    area = forms.ModelChoiceField(label=_("区划"), queryset=None, required=False, empty_label=_("全部"))
    category = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部")), *BoardCategory.choices])

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class BoardForm(forms.Form):
    area = forms.ModelChoiceField(label=_("所属区划"), queryset=None)
    category = forms.ChoiceField(label=_("公开类别"), choices=BoardCategory.choices)
    frequency = forms.ChoiceField(label=_("公开频次"), choices=Frequency.choices)
    location = forms.CharField(label=_("公开栏位置"), max_length=200)
    established_on = forms.DateField(
        label=_("设立日期"), widget=DateInput(), help_text=_("补录已有的公开栏时，填写实际设立的日期。")
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["established_on"].initial = timezone.localdate()


class PostingForm(forms.Form):
    title = forms.CharField(label=_("公开事项"), max_length=200)
    text = forms.CharField(label=_("公开内容"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    period_end = forms.DateField(label=_("所属期间截止日"), widget=DateInput())
    posted_on = forms.DateField(label=_("张贴日期"), widget=DateInput())
    attachments = MultipleFileField(label=_("附件（图片、PDF、Word、Excel，单个不超过10MB）"), required=False)


class OnDateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DateInput())
