"""No lost updates: every editable case record carries a version, and a form saved over a newer one is refused.

The form posts the version it was rendered from; `expected_version` locks the row and compares before the service
writes. A mismatch raises `EditConflict`, which the view turns into the conflict page (both versions side by side).
"""

from contextlib import contextmanager

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core.htmx import render_page

VERSION_FIELD = "version"


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Every saved change is a new version, whichever service wrote it.
        if self.pk is not None and not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], VERSION_FIELD}
        super().save(*args, **kwargs)


class EditConflict(Exception):
    def __init__(self, current: VersionedModel, submitted_version: int):
        super().__init__(f"{type(current).__name__} {current.pk}: v{submitted_version} < v{current.version}")
        self.current = current
        self.submitted_version = submitted_version


def submitted_version(data) -> int | None:
    """The version a form or API client says it edited; None when it sent none (then there is nothing to compare)."""
    raw = data.get(VERSION_FIELD)
    try:
        return int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        return 0  # a tampered value never matches a real version, so it is refused as a conflict


@contextmanager
def expected_version(instance: VersionedModel, version: int | None):
    """Lock the row for the rest of the write and refuse it when the record moved on since `version`."""
    with transaction.atomic():
        current = type(instance).objects.select_for_update().get(pk=instance.pk)
        if version is not None and version != current.version:
            raise EditConflict(current, version)
        yield current


def _current_rows(record: VersionedModel) -> list[tuple[str, str]]:
    rows = []
    for field in record._meta.concrete_fields:
        if field.primary_key or field.name in (VERSION_FIELD, "created_at", "updated_at") or field.is_relation:
            continue
        value = getattr(record, f"get_{field.name}_display", lambda f=field: getattr(record, f.attname))()
        if value not in (None, ""):
            rows.append((str(field.verbose_name), str(value)))
    return rows


def conflict_response(request, conflict: EditConflict, *, form=None, back_url: str):
    """409 page: what the user submitted beside what the record holds now, and a way back to the fresh record."""
    submitted = []
    if form is not None:
        for name, field in form.fields.items():
            value = form.data.get(form.add_prefix(name))
            if value not in (None, "") and name != VERSION_FIELD:
                submitted.append((str(field.label or name), value))
    context = {
        "record": conflict.current,
        "current_rows": _current_rows(conflict.current),
        "submitted_rows": submitted,
        "submitted_version": conflict.submitted_version,
        "back_url": back_url,
    }
    return render_page(request, "core/conflict.html", context, status=409)


def stale_response(request, record: VersionedModel, *, form=None, back_url: str):
    """The conflict page when a form comes from an older version, checked before validation: otherwise an invalid
    stale form would come back carrying the fresh version and a second submit would overwrite unseen changes."""
    version = submitted_version(request.POST)
    if version is None or version == record.version:
        return None
    return conflict_response(request, EditConflict(record, version), form=form, back_url=back_url)
