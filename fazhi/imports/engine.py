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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

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


def spec_columns(spec: ImportSpec, user) -> list[Column]:
    return columns_of(blank_form(spec, user))


def run(
    *, spec: ImportSpec, actor, content: bytes, commit: bool, progress: Callable[[int], None] | None = None
) -> Outcome:
    """Check (commit=False) or import (commit=True) a filled-in template, all or nothing."""
    kwargs = spec.form_kwargs(actor)
    columns = columns_of(blank_form(spec, actor))
    by_name = {c.name: c for c in columns}
    outcome = Outcome()
    rows = read_rows(content=content, columns=columns, errors=outcome.errors)
    outcome.total = len(rows)
    seen: dict[tuple, int] = {}
    unreadable = {e.row for e in outcome.errors}  # a formula or merged cell: the row is not checked further
    with transaction.atomic():
        for done, (number, raw) in enumerate(rows, start=1):
            _row(spec, actor, kwargs, by_name, number, raw, seen, outcome, unreadable)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if outcome.errors or not commit:
            transaction.set_rollback(True)
    if outcome.errors:
        outcome.created_ids = []
        outcome.errors.sort(key=lambda e: e.row)
    return outcome


def _row(spec, actor, kwargs, by_name, number, raw, seen, outcome, unreadable) -> None:
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
    form = spec.form_class(data, **kwargs)
    for name in spec.exclude:
        form.fields.pop(name, None)
    if not form.is_valid():
        _form_errors(form.errors, by_name, number, errors)
        return
    key = spec.key_of(form.cleaned_data)
    if key in seen:
        errors.append(RowError(number, "", _("与第%(r)d行是同一条记录，请删去重复的一行。") % {"r": seen[key]}))
        return
    seen[key] = number
    if spec.exists(form.cleaned_data):
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
