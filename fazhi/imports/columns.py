"""A sheet's columns, read from the record type's form: header, required mark, dropdown options, and how a cell
becomes the text the form's field receives."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

from fazhi.imports.cells import CellError, as_date, as_number, as_text, narrow

REQUIRED_MARK = "*"
YES, NO = "是", "否"
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓"}
_FALSE = {"否", "n", "no", "false", "0", "×", ""}


@dataclass
class Column:
    name: str  # the form field
    header: str  # its label
    required: bool
    field: forms.Field
    options: list[str] = field(default_factory=list)  # dropdown labels, in order
    values: dict[str, str] = field(default_factory=dict)  # label, code or 区划代码 -> the value the form takes
    multiple: bool = False
    default: str = ""
    help: str = ""

    @property
    def title(self) -> str:
        return f"{self.header}{REQUIRED_MARK}" if self.required else self.header

    def to_data(self, value) -> str | list[str]:
        """The cell as the form would have received it from the page; CellError says what is wrong."""
        f = self.field
        if self.default and not as_text(value):
            return self.default
        if isinstance(f, forms.BooleanField):
            text = narrow(as_text(value)).lower()
            if text in _TRUE:
                return "on"
            if text in _FALSE:
                return ""
            raise CellError(_("请填写“是”或“否”。"))
        if isinstance(f, forms.DateField):
            return as_date(value)
        if isinstance(f, forms.IntegerField | forms.DecimalField | forms.FloatField):
            return as_number(value)
        text = as_text(value)
        if not self.values:
            return text
        if self.multiple:
            parts = [p.strip() for p in text.replace("，", "、").replace(",", "、").split("、") if p.strip()]
            return [self._choice(p) for p in parts]
        return self._choice(text) if text else ""

    def _choice(self, text: str) -> str:
        found = self.values.get(text, self.values.get(narrow(text)))
        if found is None:
            raise CellError(
                _("“%(v)s”不是可选的%(h)s（或不在您的管辖范围内），请从下拉列表选择。") % {"v": text, "h": self.header}
            )
        return found


def _model_options(queryset) -> tuple[list[str], dict[str, str]]:
    """Labels for a picker's records; an area is named with its 区划代码 where it has one, and a name shared by two
    areas (网格 of two villages) is qualified by the parent's name, so every label picks one record."""
    objects = list(queryset.select_related("parent") if queryset.model.__name__ == "Area" else queryset)
    plain = [str(o) if queryset.model.__name__ != "Area" else o.name for o in objects]
    shared = {name for name in plain if plain.count(name) > 1}
    options, values = [], {}
    for obj, name in zip(objects, plain, strict=True):
        label = name
        if queryset.model.__name__ == "Area":
            if obj.code:
                label = f"{obj.name}（{obj.code}）"
                values[obj.code] = str(obj.pk)
            elif name in shared and obj.parent:
                label = f"{obj.parent.name}/{obj.name}"
        elif name in shared:
            label = f"{name}（{obj.pk}）"
        options.append(label)
        values[label] = str(obj.pk)
        if name not in shared:
            values[name] = str(obj.pk)
    return options, values


def columns_of(form: forms.Form) -> list[Column]:
    result = []
    for name, f in form.fields.items():
        if isinstance(f, forms.FileField) or f.widget.is_hidden:
            continue
        # A field the page fills in beforehand (参与人次 0, 计入 普法宣传活动) takes that value from a blank cell.
        default = "" if f.initial is None or callable(f.initial) else str(getattr(f.initial, "pk", f.initial))
        required = f.required and not default
        column = Column(name, str(f.label or name), required, f, default=default, help=str(f.help_text))
        if isinstance(f, forms.ModelChoiceField):
            column.options, column.values = _model_options(f.queryset)
            column.multiple = isinstance(f, forms.ModelMultipleChoiceField)
        elif isinstance(f, forms.ChoiceField):
            pairs = [(str(code), str(label)) for code, label in f.choices if str(code)]
            column.options = [label for _code, label in pairs]
            column.values = {**{code: code for code, _l in pairs}, **{label: code for code, label in pairs}}
            column.multiple = isinstance(f, forms.MultipleChoiceField)
        elif isinstance(f, forms.BooleanField):
            column.options = [YES, NO]
        result.append(column)
    return result
