"""No lost updates: every editable record carries a version, and a write that does not name the version it edited,
or names an older one, is refused.

Pages: the form posts the version it was rendered from (`{% version_field record %}`); `stale_response` refuses a
POST without it (428) or from an older version (409, the conflict page) before validation, and `expected_version`
locks the row and compares again while the service writes. API: `VersionedUpdateMixin` does the same for every
update of a viewset — the version comes as `If-Match` (the detail GET's `ETag`) or as a `version` field.
"""

from contextlib import contextmanager

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

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


class VersionMissing(Exception):
    """A write that does not say which version it edited: refused, as it could overwrite anything."""


class EditConflict(Exception):
    def __init__(self, current: VersionedModel, submitted_version: int):
        super().__init__(f"{type(current).__name__} {current.pk}: v{submitted_version} < v{current.version}")
        self.current = current
        self.submitted_version = submitted_version


def submitted_version(data) -> int | None:
    """The version a form or API client says it edited; None when it sent none (and the write is then refused)."""
    raw = data.get(VERSION_FIELD)
    try:
        return int(raw) if raw not in (None, "") else None
    except (TypeError, ValueError):
        return 0  # a tampered value never matches a real version, so it is refused as a conflict


@contextmanager
def expected_version(instance: VersionedModel, version: int | None):
    """Lock the row for the rest of the write and refuse it when the record moved on since `version`, or when the
    caller does not know which version it edited."""
    if version is None:
        raise VersionMissing
    with transaction.atomic():
        current = type(instance).objects.select_for_update().get(pk=instance.pk)
        if version != current.version:
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


def _submitted_rows(form) -> list[tuple[str, str]]:
    submitted = []
    if form is not None:
        for name, field in form.fields.items():
            value = form.data.get(form.add_prefix(name))
            if value not in (None, "") and name != VERSION_FIELD:
                submitted.append((str(field.label or name), value))
    return submitted


def conflict_response(request, conflict: EditConflict, *, form=None, back_url: str):
    """409 page: what the user submitted beside what the record holds now, and a way back to the fresh record."""
    context = {
        "record": conflict.current,
        "current_rows": _current_rows(conflict.current),
        "submitted_rows": _submitted_rows(form),
        "submitted_version": conflict.submitted_version,
        "back_url": back_url,
    }
    return render_page(request, "core/conflict.html", context, status=409)


def missing_version_response(request, record: VersionedModel, *, form=None, back_url: str):
    """428 page for a form that came without its version (an old cached page, a hand-made request): nothing is
    saved, the user's input is shown so it is not lost, and the way back opens the current record."""
    context = {
        "record": record,
        "current_rows": _current_rows(record),
        "submitted_rows": _submitted_rows(form),
        "submitted_version": None,
        "back_url": back_url,
    }
    return render_page(request, "core/conflict.html", context, status=status.HTTP_428_PRECONDITION_REQUIRED)


def stale_response(request, record: VersionedModel, *, form=None, back_url: str):
    """The refusal page when a form comes without its version or from an older one, checked before validation:
    otherwise an invalid stale form would come back carrying the fresh version and a second submit would overwrite
    unseen changes. None when the form edited the current version."""
    version = submitted_version(request.POST)
    if version is None:
        return missing_version_response(request, record, form=form, back_url=back_url)
    if version == record.version:
        return None
    return conflict_response(request, EditConflict(record, version), form=form, back_url=back_url)


def etag(record: VersionedModel) -> str:
    # Weak: the version names the record's state, not the bytes of one representation of it.
    return f'W/"{record.version}"'


def _etag_version(header: str) -> int:
    tag = header.strip().removeprefix("W/").strip('"')
    return int(tag) if tag.isdigit() else 0  # "*", a list or garbage never matches a version: refused as stale


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = _("请求没有说明修改的是哪个版本：请在 If-Match 头中带上记录的 ETag，或在请求中带上 version 字段。")


class VersionConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, *, current: int):
        super().__init__(_("记录已被他人修改（当前第 %(version)s 版），请重新读取后再提交。") % {"version": current})
        # Set after init: DRF would turn every value of a dict detail into text, and clients compare the version.
        self.detail = {"detail": self.detail, "version": current}


class PreconditionFailed(VersionConflict):
    """A stale If-Match: HTTP names this 412, the same refusal as a stale `version` field."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class VersionETagMixin:
    """Detail GETs of a VersionedModel answer its `ETag`, the value a later update sends back as `If-Match`."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag(instance)
        return response


class VersionedUpdateMixin(VersionETagMixin):
    """For every DRF viewset that changes a VersionedModel: detail GETs answer an `ETag`; PUT/PATCH — and any update
    action wrapped in `self.versioned(record)` — need `If-Match: <ETag>` or a `version` field. Missing → 428; stale →
    409 (412 for a stale If-Match), with the current version; nothing is written. Creating records needs no version.
    """

    def update(self, request, *args, **kwargs):
        with self.versioned(self.get_object()):
            response = super().update(request, *args, **kwargs)
        response["ETag"] = etag(self.get_object())
        return response

    @contextmanager
    def versioned(self, record: VersionedModel):
        """Check the request's version against `record` and keep its row locked while the write runs."""
        if_match = self.request.headers.get("If-Match")
        version = _etag_version(if_match) if if_match else submitted_version(self.request.data)
        if version is None:
            raise PreconditionRequired
        try:
            with expected_version(record, version) as current:
                yield current
        except EditConflict as conflict:
            refusal = PreconditionFailed if if_match else VersionConflict
            raise refusal(current=conflict.current.version) from conflict
