"""Quick entry on create forms (issue 23): 保存并继续添加, 复制, and a series of dated records.

A create form declares what repeats from one record to the next (`keep_fields`: the area, the date, the kind …)
and what a copy takes from a record (`copy_fields`, or a `copy_initial(record)` classmethod where the record's
attributes are not the form's fields). Numbers, registration dates and signatures are never declared: a copy is a
new record. The create view builds its form with `entry_initial(...)` and answers a saved record with
`after_create(...)`; the page shows `components/create_buttons.html`.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

ADD_ANOTHER = "_add_another"
COPY = "copy"
SERIES_LIMIT = 60


def _plain(value):
    """A value as the query string and a form's initial carry it: a record by its pk, a date in ISO."""
    if isinstance(value, models.Manager):
        return [row.pk for row in value.all()]
    if isinstance(value, models.QuerySet | list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is True:
        return "on"
    return value


def _is_multiple(form_class, name: str) -> bool:
    field = form_class.base_fields.get(name)
    return isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def entry_initial(request, form_class, *, get_record: Callable | None = None) -> dict:
    """Initial values of a create form: for 复制 (`?copy=<pk>`) the record's copyable fields, the record read
    through `get_record(pk)` — the app's scoped selector, so a record out of reach answers 404; after
    保存并继续添加 the kept fields the query string carries."""
    if request.method != "GET":
        return {}
    pk = request.GET.get(COPY, "")
    if get_record is not None and pk.isdigit():
        record = get_record(int(pk))
        if hasattr(form_class, "copy_initial"):
            return form_class.copy_initial(record)
        return {name: _plain(getattr(record, name)) for name in getattr(form_class, "copy_fields", ())}
    initial = {}
    for name in getattr(form_class, "keep_fields", ()):
        if name in request.GET:
            initial[name] = request.GET.getlist(name) if _is_multiple(form_class, name) else request.GET[name]
    return initial


def kept_query(form: forms.Form) -> str:
    """The query string that brings the kept fields of a saved form back into a fresh one."""
    kept = {}
    for name in getattr(form, "keep_fields", ()):
        value = _plain(form.cleaned_data.get(name))
        if value not in (None, "", [], False):
            kept[name] = value
    return urlencode(kept, doseq=True)


def after_create(request, *, form: forms.Form, message: str, detail_url: str):
    """The answer to a saved create form: the record's page, or — 保存并继续添加 — the same form again with the
    kept fields, the message naming what was saved either way."""
    if ADD_ANOTHER in request.POST:
        messages.success(request, _("%(saved)s请继续添加下一条。") % {"saved": message})
        query = kept_query(form)
        return redirect(f"{request.path}?{query}" if query else request.path)
    messages.success(request, message)
    return redirect(detail_url)


def copy_url(create_url: str, record) -> str:
    return f"{create_url}?{urlencode({COPY: record.pk})}"


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> datetime.date | None:
    """2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日, full-width digits included; None when not a date."""
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class DateListField(forms.CharField):
    """The dates of a series, one a line; a bad line is refused by its row number."""

    widget = forms.Textarea(attrs={"rows": 6, "placeholder": "2024-01-15\n2024-02-15\n2024-03-15"})
    default_help_text = _l("每行一个日期，如 2024-03-05、2024.3.5 或 2024年3月5日；每个日期登记一条记录。")

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def clean(self, value) -> list[datetime.date]:
        text = super().clean(value)
        dates: list[datetime.date] = []
        seen: dict[datetime.date, int] = {}
        errors = []
        for row, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            day = parse_date(line)
            if day is None:
                errors.append(
                    _("第%(row)d行“%(text)s”不是有效日期，请写成 2024-03-05。") % {"row": row, "text": line.strip()}
                )
            elif day in seen:
                errors.append(_("第%(row)d行的日期与第%(first)d行重复。") % {"row": row, "first": seen[day]})
            else:
                seen[day] = row
                dates.append(day)
        if errors:
            raise ValidationError(errors)
        if not dates:
            raise ValidationError(_("请至少填写一个日期。"))
        if len(dates) > SERIES_LIMIT:
            raise ValidationError(_("一次最多登记 %(n)d 个日期。") % {"n": SERIES_LIMIT})
        return dates


def create_series(*, dates: list[datetime.date], create: Callable[[datetime.date], object]) -> list:
    """One record per date through the app's create service (each audited there), all or nothing: a date the
    service refuses undoes the others and names its row."""
    created = []
    with transaction.atomic():
        for row, day in enumerate(dates, start=1):
            try:
                created.append(create(day))
            except ValidationError as exc:
                raise ValidationError(
                    _("第%(row)d个日期 %(day)s：%(error)s")
                    % {"row": row, "day": day.isoformat(), "error": "；".join(exc.messages)}
                ) from exc
    return created
