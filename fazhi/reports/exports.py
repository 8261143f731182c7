"""One entry point for every output format, used by the download view and `manage.py report_export`."""

from fazhi.reports.docx_export import build_docx
from fazhi.reports.pdf import docx_to_pdf
from fazhi.reports.rendering import compose, standalone_html

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def export(report, *, fmt: str, sections=None) -> bytes:
    composed = compose(report, sections)
    if fmt == "docx":
        return build_docx(composed)
    if fmt == "pdf":
        return docx_to_pdf(build_docx(composed))
    if fmt == "html":
        return standalone_html(report, composed).encode("utf-8")
    raise ValueError(fmt)
