"""Staff photos lose their EXIF/GPS on the way in, like the public site's (security review, low)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import call_command
from PIL import Image

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.uploads import check_content

GPS_IFD = 0x8825
MAKE = 0x010F


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "TestPhone"
    exif[GPS_IFD] = {1: "N", 2: (31.0, 56.0, 12.5), 3: "E", 4: (108.0, 39.0, 50.25)}
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="JPEG", exif=exif, comment=b"secret comment")
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as written:  # the fixture really carries a position
        assert written.getexif().get_ifd(GPS_IFD)[2] == (31.0, 56.0, 12.5)
    return data


def _assert_pixels_only(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG" and img.size == (64, 48)
        assert dict(img.getexif()) == {}
        assert "exif" not in img.info and "comment" not in img.info
    assert b"TestPhone" not in data and b"secret comment" not in data


def test_an_uploaded_photo_in_memory_is_rewritten_without_metadata():
    upload = SimpleUploadedFile("现场.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    check_content(upload, "jpg")
    data = upload.read()
    _assert_pixels_only(data)
    assert upload.size == len(data)


def test_an_uploaded_photo_spooled_to_disk_is_rewritten_in_its_file():
    original = _jpeg_with_gps()
    upload = TemporaryUploadedFile("现场.jpg", "image/jpeg", len(original), None)
    upload.write(original)
    upload.seek(0)
    check_content(upload, "jpg")
    with open(upload.temporary_file_path(), "rb") as spooled:  # what storage moves into place
        data = spooled.read()
    _assert_pixels_only(data)
    assert upload.size == len(data)


def test_a_photo_attached_by_staff_to_a_matter_is_stored_without_its_gps_position(world, settings, tmp_path):
    from fazhi.grid import services

    settings.MEDIA_ROOT = tmp_path
    dictionary_seed()
    call_command("setup_platform", stdout=io.StringIO())
    matter = services.matter_create(
        actor=world.user(Role.GRID_MEMBER),
        area=world.grid,
        category="dispute",
        description="邻里因排水沟争执",
        source="walk_in",
        attachments=[SimpleUploadedFile("现场.jpg", _jpeg_with_gps(), content_type="image/jpeg")],
    )
    stored = matter.attachments.get()
    with stored.file.open("rb") as f:
        _assert_pixels_only(f.read())


def test_a_file_named_jpg_that_is_no_photo_is_still_refused_in_chinese():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="内容与扩展名"):
        check_content(SimpleUploadedFile("现场.jpg", b"<html></html>"), "jpg")
