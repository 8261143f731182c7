"""Checks shared by every upload: zip containers (.xlsx, .docx) inspected before any parser opens them, and file
names reduced to a harmless last component.

GB/T 22239-2019 入侵防范 (malicious input) and 数据完整性: a zip bomb declares a small file that inflates to gigabytes;
openpyxl and python-docx would inflate it in memory. Read a chunk at a time, Python's zipfile inflates an entry no
further than the size its header declares (reading a whole entry at once inflates its stream first), so checking the
declared sizes bounds what a parser reading through zipfile can be made to read; a parser with its own inflater
(calamine) is handed `write_stored_copy`'s uncompressed copy instead.
"""

import io
import shutil
import unicodedata
import zipfile
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 500  # real .xlsx/.docx parts compress 5–50 times; deflate bombs reach about 1000
MAX_ENTRIES = 5000
COPY_CHUNK = 64 * 1024  # reading a whole entry at once would inflate all its stream before the size check
MAX_NAME_LENGTH = 100
FORBIDDEN_NAME_CHARACTERS = set('/\\:*?"<>|')


def check_zip_container(data: bytes) -> None:
    """Refuse a zip-based office file whose declared content is too large, too compressed or oddly named."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ValidationError(
            _("无法读取该文件：它不是有效的 Excel/Word 文件，请用 Office 或 WPS 重新保存后上传。")
        ) from exc
    if len(entries) > MAX_ENTRIES:
        raise ValidationError(_("该文件结构异常（内部条目过多），已拒收。"))
    total = 0
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or "\x00" in name:
            raise ValidationError(_("该文件结构异常（内部路径不合法），已拒收。"))
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (entry.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ValidationError(_("该文件解压后体积异常（疑似压缩炸弹），已拒收。"))


def write_stored_copy(data: bytes, target: BinaryIO) -> None:
    """Write to `target` the zip `data`, once check_zip_container has passed it, with every entry stored uncompressed.

    Entries are inflated by Python's zipfile a chunk at a time, which stops at the size the header declares (the
    size checked above) and fails the CRC if the stream holds more. A parser with its own inflater (calamine, in
    Rust) is handed this copy, so it has nothing left to inflate."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        for entry in source.infolist():
            with source.open(entry) as src, copy.open(entry.filename, "w") as dst:
                shutil.copyfileobj(src, dst, COPY_CHUNK)


def safe_filename(name: str, *, default: str = "file") -> str:
    """The last path component of an uploaded name, without control characters or separators, at most 100
    characters with its extension kept: what may be shown and stored as a display name."""
    text = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if c.isprintable() and c not in FORBIDDEN_NAME_CHARACTERS)
    text = text.strip().lstrip(".").strip()
    if len(text) > MAX_NAME_LENGTH:
        stem, dot, ext = text.rpartition(".")
        keep = ext[:10] if dot and stem else ""
        text = (stem if keep else text)[: MAX_NAME_LENGTH - len(keep) - 1].rstrip() + (f".{keep}" if keep else "")
    return text or default
