from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.portal.choices import Rating, RequestKind
from fazhi.portal.images import MAX_PHOTOS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from fazhi.areas.models import Level

        if obj.level == Level.VILLAGE and obj.parent_id:
            return f"{obj.parent.name} · {obj.name}"
        return str(_("%(name)s（乡镇）") % {"name": obj.name})


class SubmitForm(forms.Form):
    kind = forms.ChoiceField(label=_("您想"), choices=RequestKind.choices, widget=forms.RadioSelect)
    area = AreaChoiceField(label=_("事情发生在哪个村（社区）"), queryset=None, empty_label=_("请选择"))
    description = forms.CharField(
        label=_("发生了什么"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        help_text=_("请写明时间、地点、经过和您的诉求，不要写身份证号等敏感信息。"),
    )
    contact_name = forms.CharField(label=_("怎么称呼您（可不填）"), required=False, max_length=50)
    phone = forms.CharField(
        label=_("联系电话（可不填）"),
        required=False,
        max_length=20,
        help_text=_("填写后凭查询码和电话后四位查询办理进度，工作人员也可能电话联系您。"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    photos = MultipleFileField(
        label=_("照片（可不传，最多%(n)d张）") % {"n": MAX_PHOTOS},
        required=False,
        help_text=_("支持 JPG、PNG、WebP，每张不超过8MB；照片的拍摄位置等信息会被自动清除。"),
    )
    # Honeypot: hidden from people (CSS + aria-hidden), filled in by form-filling robots.
    website = forms.CharField(label=_("请勿填写此项"), required=False)

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("查询码"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    last4 = forms.CharField(
        label=_("联系电话后四位"),
        required=False,
        max_length=4,
        help_text=_("提交时未留电话的，此项不填。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("您对办理结果是否满意"), choices=Rating.choices, widget=forms.RadioSelect)
    rating_comment = forms.CharField(
        label=_("还想说的（可不填）"), required=False, max_length=200, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("答复群众（群众凭查询码可见）"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    staff_note = forms.CharField(
        label=_("内部备注（群众不可见）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    close = forms.BooleanField(label=_("同时办结"), required=False)


class CommentForm(forms.Form):
    paragraph = forms.TypedChoiceField(
        label=_("针对哪一段"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("征求意见稿没有这一段，请重新选择。")},
    )
    text = forms.CharField(
        label=_("您的意见"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请填写意见内容。"), "max_length": _("意见内容不能超过2000字。")},
    )
    name = forms.CharField(
        label=_("署名（可不填）"), required=False, max_length=50, help_text=_("署名将随意见一起公开。")
    )
    website = forms.CharField(label=_("请勿填写此项"), required=False)  # honeypot, as on SubmitForm

    def __init__(self, *args, paragraphs: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [
            ("", _("整体意见")),
            *[(i, _("第%(n)d段") % {"n": i}) for i in range(1, paragraphs + 1)],
        ]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
