from django_tasks import task


@task()
def import_batch(*, batch_id: int) -> None:
    """Background import of a confirmed file (thin wrapper around the service)."""
    from fazhi.imports.services import batch_run

    batch_run(batch_id=batch_id)
