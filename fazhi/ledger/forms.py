from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import DateInput
from fazhi.ledger.choices import Section


class RecordTypeForm(forms.Form):
    area = forms.ModelChoiceField(label=_("定义单位"), queryset=None)
    name = forms.CharField(label=_("台账名称"), max_length=60, help_text=_("如：院坝会、乡贤大讲堂、联合执法"))
    section = forms.ChoiceField(label=_("报告部分"), choices=Section.choices)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if areas.count() == 1:
            self.fields["area"].initial = areas.first()


class MeasureForm(forms.Form):
    name = forms.CharField(label=_("指标名称"), max_length=40, required=False)
    unit = forms.CharField(label=_("单位"), max_length=10, required=False, help_text=_("如：场次、人次、份"))


class FieldDefForm(forms.Form):
    name = forms.CharField(label=_("附加字段"), max_length=40, required=False)
    required = forms.BooleanField(label=_("必填"), required=False)


MeasureFormSet = forms.formset_factory(MeasureForm, extra=4)
FieldDefFormSet = forms.formset_factory(FieldDefForm, extra=3)


class EntryForm(forms.Form):
    area = forms.ModelChoiceField(label=_("村（社区）/乡镇"), queryset=None)
    occurred_on = forms.DateField(label=_("日期"), widget=DateInput())

    def __init__(self, *args, areas, measures, field_defs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        for measure in measures:
            self.fields[f"measure_{measure.pk}"] = forms.DecimalField(
                label=f"{measure.name}（{measure.unit}）", max_digits=12, decimal_places=2, required=False
            )
        for field_def in field_defs:
            self.fields[f"field_{field_def.pk}"] = forms.CharField(label=field_def.name, max_length=500, required=False)
        self.fields["note"] = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["attachment"] = forms.FileField(label=_("附件"), required=False)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "area": data["area"],
            "occurred_on": data["occurred_on"],
            "values": {int(k.removeprefix("measure_")): v for k, v in data.items() if k.startswith("measure_")},
            "extra": {int(k.removeprefix("field_")): v for k, v in data.items() if k.startswith("field_")},
            "note": data.get("note", ""),
            "attachment": data.get("attachment"),
        }


class MeasureAddForm(forms.Form):
    name = forms.CharField(label=_("指标名称"), max_length=40)
    unit = forms.CharField(label=_("单位"), max_length=10)
