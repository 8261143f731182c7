from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.scoping import areas_visible_to


class DocumentForm(forms.Form):
    area = forms.ModelChoiceField(label=_("制定机关所属区划"), queryset=None)
    title = forms.CharField(label=_("文件标题"), max_length=200)
    body = forms.CharField(label=_("文件正文"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_visible_to(user, Module.DOCUMENTS, CHANGE).filter(level__lte=3)


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    opinion = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    registration_no = forms.CharField(label=_("登记编号"), required=False, max_length=60)
