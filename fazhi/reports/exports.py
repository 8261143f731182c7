"""One entry point for every output format, used by the download view, the background PDF task and
`manage.py report_export`."""

import hashlib
import json

from fazhi.reports.document import parts
from fazhi.reports.docx_export import OPEN_FACES, build_docx
from fazhi.reports.pdf import docx_to_pdf
from fazhi.reports.rendering import compose, standalone_html

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
# Raise when the PDF's layout or faces change, so that every kept PDF is made again.
PDF_LAYOUT_VERSION = 1


def export(report, *, fmt: str, sections=None) -> bytes:
    composed = compose(report, sections)
    if fmt == "docx":
        # The Word file names the official faces, so that it prints right where they are installed.
        return build_docx(composed, parts=parts(report))
    if fmt == "pdf":
        return docx_to_pdf(build_docx(composed, parts=parts(report), faces=OPEN_FACES))
    if fmt == "html":
        return standalone_html(report, composed).encode("utf-8")
    raise ValueError(fmt)


def pdf_digest(report, *, sections=None, composed=None) -> str:
    """A hash of everything the PDF shows: title, each block's kind and text (figures written in), 主送机关,
    发文机关署名, 成文日期 (or "（草稿）"), the status and the layout version. Equal digests, equal PDFs."""
    composed = composed or compose(report, sections)
    content = {
        "layout": PDF_LAYOUT_VERSION,
        "status": report.status,
        "title": composed.title,
        "blocks": [[b.kind, b.lead_text, b.text] for b in composed.blocks],
        "parts": list(vars(parts(report)).values()),
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()
