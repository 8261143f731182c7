from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import CalendarDay, DayUnit, DictionaryEntry
from fazhi.core.registry import registry


class BootstrapFormRenderer(TemplatesSetting):
    """`{{ form }}` renders Bootstrap markup with every error beside its field."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class DateInput(forms.DateInput):
    """The browser's date picker; its value must be ISO whatever the display language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "is_workday", "name"]
        widgets = {"date": DateInput()}


class DictionaryEntryForm(forms.ModelForm):
    """The category is chosen by its Chinese name from the categories the apps declare; nobody types a key."""

    category = forms.ChoiceField(label=_("字典类别"))

    class Meta:
        model = DictionaryEntry
        fields = ["category", "code", "label", "sort_order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        declared = sorted((str(label), code) for code, (label, _defaults) in registry.dictionaries.items())
        self.fields["category"].choices = [("", "---------"), *((code, label) for label, code in declared)]


class DeadlineRuleReviseForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    days = forms.IntegerField(label=_("期限（日）"), min_value=1, max_value=3650)
    unit = forms.ChoiceField(label=_("计日方式"), choices=DayUnit.choices)
    source = forms.CharField(label=_("依据"), max_length=200)
    valid_from = forms.DateField(label=_("施行日期"), widget=DateInput())


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("操作人"), required=False)
    model = forms.CharField(label=_("对象类型"), required=False)
    action = forms.TypedChoiceField(
        label=_("操作"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全部")), (0, _("新增")), (1, _("修改")), (2, _("删除")), (3, _("访问"))],
    )
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DateInput())


def share_choices(*fields: forms.ModelChoiceField) -> None:
    """Give model choice fields that offer the same queryset (one list in several forms of a page) options read once,
    in one plain query. Django reads the list anew for every field it renders, through `QuerySet.iterator()`: on
    PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE) for a dozen rows. Posted values are still checked
    against each field's own queryset."""
    rows = list(fields[0].queryset)
    for field in fields:
        choice = field.iterator(field).choice
        blank = [("", field.empty_label)] if field.empty_label is not None else []
        field.choices = blank + [choice(row) for row in rows]


def add_service_errors(form: forms.Form, exc) -> None:
    """Show a service's ValidationError beside the fields it names; the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
