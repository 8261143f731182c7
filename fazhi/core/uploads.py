"""Checks shared by every upload: the content is what the extension says, zip containers (.xlsx, .docx) are inspected
before any parser opens them, and file names are reduced to a harmless last component.

GB/T 22239-2019 入侵防范 (malicious input) and 数据完整性: a zip bomb declares a small file that inflates to gigabytes;
openpyxl and python-docx would inflate it in memory. Read a chunk at a time, Python's zipfile inflates an entry no
further than the size its header declares (reading a whole entry at once inflates its stream first), so checking the
declared sizes bounds what a parser reading through zipfile can be made to read; a parser with its own inflater
(calamine) is handed `write_stored_copy`'s uncompressed copy instead.
"""

import codecs
import io
import shutil
import unicodedata
import zipfile
from typing import BinaryIO

import filetype
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 500  # real .xlsx/.docx parts compress 5–50 times; deflate bombs reach about 1000
MAX_ENTRIES = 5000
COPY_CHUNK = 64 * 1024  # reading a whole entry at once would inflate all its stream before the size check
MAX_NAME_LENGTH = 100
FORBIDDEN_NAME_CHARACTERS = set('/\\:*?"<>|')

HEAD_BYTES = 8192
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of legacy .doc/.xls
# The part without which Word/Excel cannot open the package: a renamed .zip is not a .docx.
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# Phones' photos (HEIC) and recordings (mp4, mov, m4a, 3gp) are ISO media files whose brand varies by maker: any brand
# is accepted.
ISO_MEDIA = {"heic", "mp4", "mov", "m4a", "3gp"}
# What filetype must recognise for each extension read by its magic numbers.
KINDS = {
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "webp": {"webp"},
    "pdf": {"pdf"},
    "mp3": {"mp3"},
    "aac": {"aac"},
    "wav": {"wav"},
    "amr": {"amr"},
    "avi": {"avi"},
}
# Photos re-encoded on the way in, in their own format, so nothing but pixels is kept (see strip_photo_metadata).
PHOTO_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
MAX_PHOTO_PIXELS = 40_000_000  # a decompression bomb is refused well before Pillow's own limit
JPEG_QUALITY = 90  # staff photos are evidence: kept at full size, a little better than the public site's


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


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "gb18030"):  # the head may end inside a character: decode it as unfinished
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def content_matches(extension: str, upload) -> bool:
    """Whether the upload's bytes are a file of its extension. Images, PDF, audio and video are told by filetype;
    Office files here, since filetype's Office matchers depend on the order of the parts, which WPS and LibreOffice
    write differently. An .exe or a web page renamed .jpg or .pdf is refused (GB/T 22239-2019 入侵防范: uploads are
    checked by content, not by name). The upload is left at its start."""
    upload.seek(0)
    if extension in OFFICE_PARTS:
        data = upload.read()
        upload.seek(0)
        if not data.startswith(b"PK\x03\x04"):
            return False
        check_zip_container(data)  # zip bombs and path tricks inside the package
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return OFFICE_PARTS[extension] in archive.namelist()
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if extension in ("doc", "xls"):
        return head.startswith(OLE)
    if extension == "txt":
        return _is_text(head)
    if extension in ISO_MEDIA:
        return head[4:8] == b"ftyp"
    kind = filetype.guess(head)
    return kind is not None and kind.extension in KINDS.get(extension, ())


def check_content(upload, extension: str) -> None:
    """Refuse, in Chinese, an upload whose content is not a file of its extension (see content_matches)."""
    try:
        matches = content_matches(extension, upload)
    except ValidationError:  # an unreadable or hostile package is no file of its kind either
        matches = False
    if not matches:
        raise ValidationError(
            _("文件“%(name)s”的内容与扩展名 .%(extension)s 不符，请上传原始文件，不要只修改扩展名。")
            % {"name": safe_filename(upload.name), "extension": extension},
            code="content_mismatch",
        )
    if extension in PHOTO_FORMATS:
        strip_photo_metadata(upload, extension)


def _innermost(upload):
    chain = [upload]
    while getattr(chain[-1], "file", None) is not None and chain[-1].file is not chain[-1]:
        chain.append(chain[-1].file)
    return chain


def strip_photo_metadata(upload, extension: str) -> None:
    """Re-encode a photo in place from its pixels alone: EXIF (GPS position, device, time), XMP, ICC and comments
    are gone, as on the public site's photos (fazhi/portal/images.py). 个人信息保护法 第六条 (minimum necessary): a
    staff member's photo of a mediation or an inspection must not carry where their phone was, or whose phone it is.

    The upload's own file is rewritten (an upload spooled to disk keeps its path, which storage moves into place)."""
    name = safe_filename(upload.name)
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PHOTO_PIXELS:
                raise ValidationError(_("照片“%(n)s”像素过大，请缩小后再上传。") % {"n": name})
            img.load()
            upright = ImageOps.exif_transpose(img)  # keep the photo upright once its EXIF orientation is gone
            target = PHOTO_FORMATS[extension]
            if target == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            # Pillow writes back what it read into .info (a JPEG comment, ICC, XMP); only PNG transparency is pixels.
            upright.info = {k: v for k, v in upright.info.items() if k == "transparency"}
            out = io.BytesIO()
            # No exif=, icc_profile=, xmp= or comment: the new file carries pixels only.
            options = {"quality": JPEG_QUALITY} if target in ("JPEG", "WEBP") else {}
            upright.save(out, format=target, **options)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("“%(n)s”不是可以识别的照片，请上传 JPG、PNG 或 WebP 格式的图片。") % {"n": name}, code="bad_photo"
        ) from exc
    clean = out.getvalue()
    chain = _innermost(upload)
    raw = chain[-1]
    raw.seek(0)
    raw.truncate()
    raw.write(clean)
    raw.flush()
    for wrapper in chain[:-1]:
        if "size" in vars(wrapper) or "_size" in vars(wrapper):  # a size remembered from the original bytes
            try:
                wrapper.size = len(clean)
            except AttributeError:
                pass
    upload.seek(0)


@deconstructible
class ContentValidator(FileExtensionValidator):
    """A file field's allowed extensions, and a new upload's content checked against its extension."""

    def __call__(self, value) -> None:
        super().__call__(value)
        if getattr(value, "_committed", True):
            return  # already stored: it was checked when it came in
        check_content(value, value.name.lower().rsplit(".", 1)[-1])


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
