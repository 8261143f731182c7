"""Uploaded draft files: only .docx and .pdf whose content really is that format; their text becomes the body."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fazhi.core.uploads import check_zip_container

MAX_DRAFT_BYTES = 10 * 1024 * 1024
SIGNATURES = {"docx": b"PK\x03\x04", "pdf": b"%PDF-"}


def _extension(name: str) -> str:
    return name.lower().rsplit(".", 1)[-1] if "." in name else ""


def _docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def draft_text(upload) -> str:
    """Check the upload and return its text; a ValidationError on `draft_file` says what is wrong, in Chinese."""
    ext = _extension(upload.name)
    if ext not in SIGNATURES:
        raise ValidationError({"draft_file": _("草案文件仅支持 Word（.docx）或 PDF（.pdf）格式。")})
    if upload.size > MAX_DRAFT_BYTES:
        raise ValidationError({"draft_file": _("草案文件不能超过10MB。")})
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    mismatch = ValidationError(
        {"draft_file": _("文件“%(name)s”的内容与扩展名不符，请上传真实的 Word 或 PDF 文件。") % {"name": upload.name}}
    )
    if not data.startswith(SIGNATURES[ext]):
        raise mismatch
    if ext == "docx":
        try:
            check_zip_container(data)
        except ValidationError as exc:
            raise ValidationError({"draft_file": exc.messages}) from exc
    try:
        text = _docx_text(data) if ext == "docx" else _pdf_text(data)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise mismatch from exc
    except Exception as exc:  # pypdf raises its own error classes for damaged files
        if type(exc).__module__.startswith(("pypdf", "docx")):
            raise mismatch from exc
        raise
    return text.strip()
