from django import forms, template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def with_class(field, css: str):
    widget = field.field.widget
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_list(field) -> bool:
    """A list of checkboxes or radio buttons, one per choice."""
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.simple_tag
def version_field(record):
    """The version a form was rendered from, posted back so a stale save is refused (core.concurrency)."""
    return format_html('<input type="hidden" name="version" value="{}">', record.version)


@register.filter
def change_rows(entry) -> list[tuple[str, str, str]]:
    """An audit entry's changes as (field's Chinese name, before, after), choices and yes/no shown as on the pages.
    (`entry.changes_dict.items` in a template would look up a changed field named "items" instead.)"""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, change in entry.changes_dict.items():
        field = _model_field(model, name)
        if field is not None and field.auto_created and not field.concrete:
            continue  # a reverse relation ("cleanup_items": "documents.CleanupItem.None"): no change of this record
        label = str(getattr(field, "verbose_name", name))
        if isinstance(change, list | tuple) and len(change) == 2:
            rows.append((label, _shown(field, change[0]), _shown(field, change[1])))
        else:  # a many-to-many change: auditlog writes what was added or removed
            rows.append((label, "", str(change)))
    return rows


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


YES_NO = {"True": _("是"), "False": _("否"), "None": ""}


def _shown(field, value) -> str:
    value = "" if value is None else str(value)
    if getattr(field, "choices", None):
        return str({str(code): label for code, label in field.flatchoices}.get(value, value))
    return str(YES_NO.get(value, value))
