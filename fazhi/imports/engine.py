"""One importer for every record type: each row bound to the type's own form, then written through its service.

The dry run and the import are the same pass: every row is validated by the form and then created by the service
inside one transaction, each row in a savepoint so that a refused row leaves the others in place while the rest of
the file is checked. A dry run, or a file with any error, rolls the whole transaction back — nothing half-saved —
so the dry run has met every rule the import will meet, the service's own included (a date before the adviser's
contract, a posting after the board was taken down).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from fazhi.core.dictionaries import dictionaries_read_once
from fazhi.imports.cells import CellError
from fazhi.imports.columns import Column, columns_of
from fazhi.imports.specs import ImportSpec
from fazhi.imports.workbook import RowError, read_rows

PROGRESS_EVERY = 200


@dataclass
class Outcome:
    total: int = 0
    created_ids: list[int] = field(default_factory=list)
    skipped: int = 0  # rows whose record exists already (re-import)
    errors: list[RowError] = field(default_factory=list)


def blank_form(spec: ImportSpec, user):
    form = spec.form_class(**spec.form_kwargs(user))
    for name in spec.exclude:
        form.fields.pop(name, None)
    return form


def _rebind(form, data: dict):
    """The same form instance bound to the next row. Building a form per row re-reads its dictionaries and counts
    its areas each time (about 18 ms a row); its fields, choices and clean methods are the same for every row."""
    form.data, form.files, form.is_bound = data, {}, True
    form._errors = None
    form._bound_fields_cache = {}
    form.cleaned_data = {}
    return form


def _memoise_pickers(form) -> None:
    """A picker (ModelChoiceField) looks its choice up in the records it was given, read once for the file, instead
    of a query per row; an unknown value is refused with the field's own message, as the page refuses it."""
    for f in form.fields.values():
        if not isinstance(f, forms.ModelChoiceField) or isinstance(f, forms.ModelMultipleChoiceField):
            continue
        objects = {str(o.pk): o for o in f.queryset}

        def to_python(value, objects=objects, f=f):
            if value in f.empty_values:
                return None
            try:
                return objects[str(value)]
            except KeyError:
                raise ValidationError(f.error_messages["invalid_choice"], code="invalid_choice") from None

        f.to_python = to_python


def spec_columns(spec: ImportSpec, user) -> list[Column]:
    return columns_of(blank_form(spec, user))


def run(
    *, spec: ImportSpec, actor, content: bytes, commit: bool, progress: Callable[[int], None] | None = None
) -> Outcome:
    """Check (commit=False) or import (commit=True) a filled-in template, all or nothing."""
    form = blank_form(spec, actor)
    columns = columns_of(form)
    _memoise_pickers(form)
    by_name = {c.name: c for c in columns}
    outcome = Outcome()
    rows = read_rows(content=content, columns=columns, errors=outcome.errors)
    outcome.total = len(rows)
    seen: dict[tuple, int] = {}
    existing: dict = {}  # the key's first part -> keys of the records already there
    unreadable = {e.row for e in outcome.errors}  # a formula or merged cell: the row is not checked further
    # The import is audited as one entry (the batch: its count and the ids it created, services.batch_run), not as
    # one entry per record: the stored file is the records' first state, and a 20,000-row file would otherwise
    # write 20,000 entries to the hash chain one by one (about 12 ms a row).
    with transaction.atomic(), disable_auditlog(), dictionaries_read_once():
        for done, (number, raw) in enumerate(rows, start=1):
            _row(spec, actor, form, by_name, number, raw, (seen, existing), outcome, unreadable)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if outcome.errors or not commit:
            transaction.set_rollback(True)
    if outcome.errors:
        outcome.created_ids = []
        outcome.errors.sort(key=lambda e: e.row)
    return outcome


def _row(spec, actor, form, by_name, number, raw, keys, outcome, unreadable) -> None:
    seen, existing = keys
    errors = outcome.errors
    data: dict = {}
    bad = False
    for name, value in raw.items():
        try:
            data[name] = by_name[name].to_data(value)
        except CellError as exc:
            errors.append(RowError(number, by_name[name].header, str(exc)))
            bad = True
    if bad or number in unreadable:
        return
    _rebind(form, data)
    if not form.is_valid():
        _form_errors(form.errors, by_name, number, errors)
        return
    key = spec.key_of(form.cleaned_data)
    if key in seen:
        errors.append(RowError(number, "", _("与第%(r)d行是同一条记录，请删去重复的一行。") % {"r": seen[key]}))
        return
    seen[key] = number
    first = form.cleaned_data.get(spec.key[0])
    if first not in existing:
        existing[first] = spec.keys_under(first)
    if key in existing[first]:
        outcome.skipped += 1
        return
    try:
        with transaction.atomic():
            record = spec.create(actor, form)
    except ValidationError as exc:
        _service_errors(exc, by_name, number, errors)
    except (PermissionDenied, Http404) as exc:
        errors.append(RowError(number, _area_header(by_name), str(exc) or _("您无权在该区划登记此类记录。")))
    else:
        outcome.created_ids.append(record.pk)


def _area_header(by_name) -> str:
    column = by_name.get("area")
    return column.header if column else ""


def _form_errors(form_errors, by_name, number, errors) -> None:
    for name, messages in form_errors.items():
        header = by_name[name].header if name in by_name else ""
        errors.extend(RowError(number, header, str(m)) for m in messages)


def _service_errors(exc: ValidationError, by_name, number, errors) -> None:
    if hasattr(exc, "error_dict"):
        _form_errors({name: [m for e in errs for m in e.messages] for name, errs in exc.error_dict.items()}, by_name,
                     number, errors)  # fmt: skip
    else:
        errors.extend(RowError(number, "", m) for m in exc.messages)
