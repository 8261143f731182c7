"""Every write of an import: the dry run that keeps the file and its errors, the confirmation, and the import run
(at once for a small file, by the background worker for a large one)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE
from fazhi.areas.scoping import areas_visible_to, require_change
from fazhi.imports import engine
from fazhi.imports.models import ImportBatch
from fazhi.imports.specs import ImportSpec, spec_get

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
BACKGROUND_ROWS = 500  # larger files are imported by a background task with a progress bar


def batch_check(*, actor, spec: ImportSpec, upload) -> ImportBatch:
    """Dry run: check every row as the import would, save nothing but the file and the list of errors."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError({"file": _("请上传 .xlsx 格式的Excel文件。")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("文件超过10MB，请拆分后分批导入。")})
    areas = sorted(areas_visible_to(actor, spec.module, CHANGE), key=lambda a: len(a.path))
    if not areas:
        raise PermissionDenied
    content = upload.read()
    try:
        outcome = engine.run(spec=spec, actor=actor, content=content, commit=False)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    upload.seek(0)
    batch = ImportBatch(
        area=areas[0],
        kind=spec.kind,
        kind_label=spec.label[:100],
        module=spec.module,
        actor=actor,
        name=upload.name[:200],
        status=ImportBatch.Status.INVALID if outcome.errors or not outcome.total else ImportBatch.Status.CHECKED,
        total=outcome.total,
        skipped=outcome.skipped,
        errors=[e.as_dict() for e in outcome.errors],
        message="" if outcome.total else _("文件中没有数据行。"),
    )
    batch.file.save(f"{actor.pk}-{upload.name[-60:]}", upload, save=False)
    batch.save()
    return batch


def batch_confirm(*, actor, batch: ImportBatch) -> ImportBatch:
    """Confirm a clean dry run; a small file imports at once, a large one in the background."""
    from fazhi.imports import tasks

    require_change(actor, batch)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.CHECKED:
            raise ValidationError(_("只有校验全部通过的文件才能确认导入。"))
        batch.status = ImportBatch.Status.QUEUED
        batch.save(update_fields=["status"])
    if batch.total <= BACKGROUND_ROWS:
        batch_run(batch_id=batch.pk)
    else:
        transaction.on_commit(lambda: tasks.import_batch.enqueue(batch_id=batch.pk))
    batch.refresh_from_db()
    return batch


def batch_run(*, batch_id: int) -> ImportBatch:
    """Re-check the stored file (records or rights may have changed since the dry run) and import it, all or
    nothing, as the uploader."""
    batch = ImportBatch.objects.select_related("actor").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING, done=0)
    with batch.file.open("rb") as fh:
        content = fh.read()

    def progress(done: int) -> None:
        # Written inside the import's transaction (as the resident import does): other connections see it at
        # commit, so on PostgreSQL the bar shows 排队中/导入中 and then the result.
        ImportBatch.objects.filter(pk=batch.pk).update(done=done)

    try:
        spec = spec_get(batch.kind, user=batch.actor)
        outcome = engine.run(spec=spec, actor=batch.actor, content=content, commit=True, progress=progress)
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [_("无权导入。")]
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, message="；".join(messages)[:500]
        )
        batch.refresh_from_db()
        return batch
    batch.refresh_from_db()
    if outcome.errors:
        batch.status = ImportBatch.Status.FAILED
        batch.errors = [e.as_dict() for e in outcome.errors]
        batch.message = _("文件校验未通过（共%(n)d处错误），未导入任何数据。") % {"n": len(outcome.errors)}
    else:
        batch.status = ImportBatch.Status.DONE
        batch.created, batch.skipped, batch.record_ids = len(outcome.created_ids), outcome.skipped, outcome.created_ids
    batch.done = outcome.total
    batch.save()  # through save(), so that auditlog writes the import's one entry with its count and record ids
    return batch
