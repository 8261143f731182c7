from django import forms, template
from django.utils.html import format_html

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
def change_rows(entry) -> list:
    """An audit entry's (field, change) pairs. `entry.changes_dict.items` in a template looks up a changed field
    named "items" first (a posting's table has one), so the pairs come from Python."""
    return list(entry.changes_dict.items())
