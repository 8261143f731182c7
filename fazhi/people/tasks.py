from django_tasks import task


@task()
def import_residents(*, job_id: int) -> None:
    """Background import of a large confirmed file (thin wrapper around the service)."""
    from fazhi.people.services import import_run

    import_run(job_id=job_id)
