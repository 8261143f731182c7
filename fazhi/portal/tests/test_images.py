import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from fazhi.portal import images
from fazhi.portal.tests.helpers import fake_jpeg, jpeg_with_gps, png


def _exif_of(data: bytes):
    with Image.open(io.BytesIO(data)) as img:
        return img.getexif(), img.info


def test_the_helper_jpeg_really_carries_gps():
    exif, _info = _exif_of(jpeg_with_gps().read())
    assert exif.get_ifd(0x8825)[2] == (31.0, 56.0, 0.0)


def test_a_jpeg_with_gps_exif_comes_out_without_any_exif():
    clean = images.reencode(jpeg_with_gps())
    data = clean.content.read()
    exif, info = _exif_of(data)
    assert len(exif) == 0
    assert exif.get_ifd(0x8825) == {}
    assert "exif" not in info
    assert b"Exif" not in data[:200]
    assert (clean.width, clean.height) == (64, 48)


def test_a_png_with_transparency_is_re_encoded_as_jpeg():
    clean = images.reencode(png())
    with Image.open(io.BytesIO(clean.content.read())) as img:
        assert img.format == "JPEG"
    assert clean.content.name.endswith(".jpg")


def test_a_non_image_renamed_jpg_is_refused_with_a_chinese_message():
    with pytest.raises(ValidationError) as exc:
        images.reencode(fake_jpeg())
    assert "不是可以识别的照片" in exc.value.messages[0]


def test_a_gif_is_refused_even_though_pillow_reads_it():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as exc:
        images.reencode(SimpleUploadedFile("a.jpg", out.getvalue()))
    assert "JPG、PNG 或 WebP" in exc.value.messages[0]


def test_a_too_large_upload_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError) as exc:
        images.reencode(jpeg_with_gps())
    assert "太大" in exc.value.messages[0]


def test_big_photos_are_scaled_down():
    clean = images.reencode(jpeg_with_gps(size=(3200, 1000)))
    assert max(clean.width, clean.height) == images.MAX_SIDE
