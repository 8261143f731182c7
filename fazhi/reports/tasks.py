from django_tasks import task


@task()
def render_report_pdf(*, pdf_id: int) -> None:
    """Background PDF of one report version (thin wrapper around the service): LibreOffice takes seconds."""
    from fazhi.reports.services import report_pdf_render

    report_pdf_render(pdf_id=pdf_id)
