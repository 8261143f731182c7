"""Server-side re-encoding of residents' photos: type checked by content (not by name), size and pixel limits,
and every byte of metadata (EXIF, GPS, XMP, ICC comments) dropped by decoding and re-encoding the pixels."""

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTOS = 3
MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # per photo, before re-encoding
MAX_PIXELS = 40_000_000  # refuse decompression bombs well before Pillow's own limit
MAX_SIDE = 1600  # re-encoded photos are scaled down to this on their long side
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 82


@dataclass
class CleanPhoto:
    content: ContentFile
    width: int
    height: int


def reencode(upload) -> CleanPhoto:
    """Decode `upload`, refuse anything that is not a JPEG/PNG/WebP photo, return a fresh metadata-free JPEG."""
    name = getattr(upload, "name", "") or _("照片")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("照片“%(n)s”太大了，每张不能超过%(mb)dMB。") % {"n": name, "mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    refused = ValidationError(_("“%(n)s”不是可以识别的照片，请上传 JPG、PNG 或 WebP 格式的图片。") % {"n": name})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise refused
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("照片“%(n)s”像素过大，请缩小后再上传。") % {"n": name})
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)  # keep the photo upright once its EXIF orientation is gone
            if img.mode not in ("RGB", "L"):
                background = Image.new("RGB", img.size, "white")
                rgba = img.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                img = background
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            # No exif=, no icc_profile=, no comment: the new file carries pixels only.
            img.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
            width, height = img.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise refused from exc
    return CleanPhoto(ContentFile(out.getvalue(), name=f"{secrets.token_hex(8)}.jpg"), width, height)
