"""The figure builder's form: every choice comes from the chosen record type's declared facts (core.facts)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core import facts
from fazhi.core.facts import Aggregation
from fazhi.figures.choices import FigureKind
from fazhi.figures.selectors import record_type_choices

BLANK = [("", _("（请选择）"))]
# What each kind of figure cannot be computed without: marked required on the page, though the form accepts them
# blank so that a half-made definition still previews and says what it lacks.
NEEDED = {
    FigureKind.AGGREGATE: ("record_type", "period", "field"),
    FigureKind.RATE: ("numerator", "denominator"),
    FigureKind.CHANGE: ("base",),
    FigureKind.BREAKDOWN: ("base", "dimension"),
}


class DefinitionForm(forms.Form):
    area = forms.ModelChoiceField(label=_("定义单位"), queryset=None)
    # Required when saving (the service says so in Chinese), not for a preview while the name is still unwritten.
    name = forms.CharField(label=_("指标名称"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=FigureKind.choices)
    record_type = forms.ChoiceField(label=_("统计的记录"), required=False)
    aggregation = forms.ChoiceField(label=_("统计方式"), choices=Aggregation.CHOICES, required=False)
    field = forms.ChoiceField(label=_("统计字段"), required=False)
    period = forms.ChoiceField(label=_("统计期间"), required=False)
    numerator = forms.ModelChoiceField(label=_("分子"), queryset=None, required=False)
    denominator = forms.ModelChoiceField(label=_("分母"), queryset=None, required=False)
    base = forms.ModelChoiceField(label=_("基础指标"), queryset=None, required=False)
    dimension = forms.ChoiceField(label=_("分项依据"), required=False)
    decimals = forms.IntegerField(label=_("小数位数"), min_value=0, max_value=4, initial=1, required=False)
    unit = forms.CharField(
        label=pgettext_lazy("figure", "单位"),
        max_length=20,
        required=False,
        help_text=_("如：次、场次、件、名、人次、份、%"),
    )
    writing = forms.ChoiceField(label=_("写法"), choices=facts.Writing.CHOICES)
    section = forms.CharField(label=_("报告部分"), max_length=120, required=False)
    phrase = forms.CharField(
        label=_("报告表述"),
        max_length=300,
        required=False,
        help_text=_("报告正文中的说法，用 {值} 代表数值，如：开展普法宣传活动{值}次"),
    )
    # Not saved: where and for which year the preview is computed.
    preview_area = forms.ModelChoiceField(label=_("预览区划"), queryset=None, required=False, empty_label=None)
    preview_year = forms.IntegerField(label=_("预览年度"), min_value=2000, max_value=2100, required=False)

    def __init__(self, data=None, *, owners, definitions, initial=None, sections=(), preview_areas=None):
        super().__init__(data, initial=initial)
        self.fields["area"].queryset = owners
        for name in ("numerator", "denominator", "base"):
            self.fields[name].queryset = definitions
        area = self._chosen_area()
        # A county's figure is previewed for the county as a whole or for any township under it.
        previews = preview_areas if preview_areas is not None else owners
        if area is not None:
            previews = previews.filter(Q(pk=area.pk) | Q(path__startswith=area.path)).order_by("path")
        self.fields["preview_area"].queryset = previews
        # Free text the server never rewrites keeps what is being typed while a preview is on its way (htmx).
        for name in ("name", "unit", "section", "phrase"):
            self.fields[name].widget.attrs["hx-preserve"] = "true"
        self.fields["record_type"].choices = BLANK + record_type_choices(area=area)
        self.fields["section"].widget = forms.TextInput(attrs={"list": "figure-sections"})
        self.sections = sections
        self.record_type = facts.record_type(self._value("record_type") or "")
        self.dimension_fields: list[tuple[str, str]] = []  # (values field, exclude field)
        if self.record_type:
            self._add_type_fields(self.record_type)
        base = self._chosen(definitions, "base")
        base_type = facts.record_type(base.record_type) if base is not None else None
        if base_type:
            self.fields["dimension"].choices = BLANK + [(d.name, d.label) for d in base_type.all_dimensions()]

    def _value(self, name: str):
        if self.is_bound:
            return self.data.get(name)
        return (self.initial or {}).get(name)

    def _chosen(self, queryset, name: str):
        value = self._value(name)
        value = getattr(value, "pk", value)
        if not value:
            return None
        try:
            return queryset.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            return None

    def _chosen_area(self):
        return self._chosen(self.fields["area"].queryset, "area")

    def _add_type_fields(self, record_type) -> None:
        aggregation = self._value("aggregation") or Aggregation.COUNT
        quantities = record_type.sums if aggregation == Aggregation.SUM else record_type.distincts
        self.fields["field"].choices = BLANK + [(q.name, q.label) for q in quantities]
        self.fields["period"].choices = record_type.period_kinds()
        if self.is_bound:
            # A record type just chosen (or changed to) is previewed over its first period and with its first
            # field to sum, as its selects show them, not refused for a choice the previous type offered.
            defaults = {"period": record_type.period_kinds()[0][0]}
            if quantities and aggregation != Aggregation.COUNT:
                defaults["field"] = quantities[0].name
            data = self.data.copy()
            for name, default in defaults.items():
                if not data.get(name) or data.get(name) not in dict(self.fields[name].choices):
                    data[name] = default
            self.data = data
        chosen = {f["dim"]: f for f in (self.initial or {}).get("filters", [])}
        for dimension in record_type.all_dimensions():
            values_name, exclude_name = f"dim_{dimension.name}", f"not_{dimension.name}"
            self.fields[values_name] = forms.MultipleChoiceField(
                label=_("筛选：%(dim)s") % {"dim": dimension.label},
                choices=dimension.values(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=chosen.get(dimension.name, {}).get("values", []),
            )
            self.fields[exclude_name] = forms.BooleanField(
                label=_("排除所选（统计除所选以外的）"),
                required=False,
                initial=chosen.get(dimension.name, {}).get("op") == "not_in",
            )
            self.dimension_fields.append((values_name, exclude_name))

    def filter_fields(self):
        return [(self[v], self[x]) for v, x in self.dimension_fields]

    def needed(self) -> set[str]:
        """The fields the chosen kind cannot do without (a field to sum only when summing)."""
        needed = set(NEEDED.get(self._value("kind") or FigureKind.AGGREGATE, ()))
        if (self._value("aggregation") or Aggregation.COUNT) == Aggregation.COUNT:
            needed.discard("field")
        return needed

    def preview_place(self):
        """The area the preview is computed for: the one asked for, else the defining area."""
        if self.is_bound and self.is_valid() and self.cleaned_data.get("preview_area"):
            return self.cleaned_data["preview_area"]
        chosen = self._chosen(self.fields["preview_area"].queryset, "preview_area")
        return chosen or self._chosen_area() or self.fields["preview_area"].queryset.first()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        filters = []
        if self.record_type:
            for dimension in self.record_type.all_dimensions():
                chosen = data.pop(f"dim_{dimension.name}", [])
                exclude = data.pop(f"not_{dimension.name}", False)
                if chosen:
                    filters.append({"dim": dimension.name, "op": "not_in" if exclude else "in", "values": chosen})
        data["filters"] = filters
        data["decimals"] = data.get("decimals") if data.get("decimals") is not None else 1
        data["aggregation"] = data.get("aggregation") or Aggregation.COUNT
        for name in ("area", "preview_area", "preview_year"):
            data.pop(name, None)
        return data


class ImportForm(forms.Form):
    area = forms.ModelChoiceField(label=_("导入到"), queryset=None)
    file = forms.FileField(label=_("指标定义文件（.json）"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = owners

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("文件过大（不能超过1 MB）。"))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("文件不是 UTF-8 编码的文本。")) from exc
