"""A choice among many records, found by typing (issue 23).

A form page never lists every person in scope: the widget is a search box and a hidden pk. With JavaScript htmx asks
the kind's search endpoint for at most a page of matches as the user types and a click picks one
(static/js/search_select.js); without it the form still submits (the choice stays empty, or as it was). The posted
pk is checked against the field's queryset — the user's scope — like any ModelChoiceField.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse


class SearchSelect(forms.Widget):
    template_name = "components/search_select.html"

    def __init__(self, *, search_url_name: str, placeholder: str = "", attrs=None):
        super().__init__(attrs)
        self.search_url_name = search_url_name
        self.placeholder = placeholder

    def _chosen_label(self, value) -> str:
        """The name shown for the chosen record: one query by pk, never the list."""
        choices = getattr(self, "choices", None)
        if value in (None, "") or not hasattr(choices, "queryset"):
            return ""
        try:
            record = choices.queryset.filter(pk=value).first()
        except (ValueError, TypeError, ValidationError):
            return ""
        return choices.field.label_from_instance(record) if record else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            search_url=reverse(self.search_url_name),
            search_name=f"{name}_search",
            label=self._chosen_label(value),
            placeholder=self.placeholder,
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class SearchChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are never rendered: the widget searches instead. `label_from_instance` is
    what the box shows once a record is chosen."""

    def __init__(self, *, search_url_name: str, placeholder: str = "", **kwargs):
        kwargs.setdefault("queryset", None)
        kwargs["widget"] = SearchSelect(search_url_name=search_url_name, placeholder=placeholder)
        super().__init__(**kwargs)
