import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_with_gps(name: str = "photo.jpg", size=(64, 48)) -> SimpleUploadedFile:
    """A real JPEG carrying EXIF GPS tags (latitude/longitude of 城口县), a camera model and an orientation."""
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "TestCam 1"  # Model
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 56.0, 0.0)
    gps[3] = "E"
    gps[4] = (108.0, 39.0, 0.0)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 128, 0, 128)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_jpeg(name: str = "virus.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is not a picture at all" * 20, content_type="image/jpeg")
