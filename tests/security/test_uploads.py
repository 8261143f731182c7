"""Hostile uploads: oversized files, wrong content behind a right extension, zip bombs and path tricks in names."""

import io
import os
import tracemalloc
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook

from fazhi.accounts.roles import Role
from fazhi.core.uploads import MAX_UNCOMPRESSED, check_zip_container, safe_filename
from fazhi.people import io as people_io
from fazhi.people.models import ImportJob
from fazhi.portal.images import MAX_UPLOAD_BYTES, reencode

PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _bomb(inner: str, size: int = MAX_UNCOMPRESSED + 64 * 1024 * 1024) -> bytes:
    """A real zip bomb: `size` bytes of zeros deflated to a few hundred kilobytes, beside the usual parts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(inner, "w", force_zip64=True) as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    return buf.getvalue()


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    return _bomb("xl/worksheets/sheet1.xml")


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload_residents(client, name: str, content: bytes):
    return client.post(reverse("people:import_upload"), {"file": SimpleUploadedFile(name, content)})


# --- the resident import (.xlsx) ---


def test_an_xlsx_zip_bomb_is_refused_without_inflating_it(world, client, xlsx_bomb):
    client.force_login(world.user(Role.GRID_MEMBER))
    assert len(xlsx_bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        response = _upload_residents(client, "居民.xlsx", xlsx_bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    assert "疑似压缩炸弹" in response.content.decode()
    assert peak < 64 * 1024 * 1024  # the declared 320 MB were never inflated
    assert not ImportJob.objects.exists()


def test_a_bomb_hidden_in_shared_strings_is_refused_by_the_parser_itself(world):
    with pytest.raises(ValidationError, match="疑似压缩炸弹"):
        people_io.parse(user=world.user(Role.GRID_MEMBER), content=_bomb("xl/sharedStrings.xml"))


def _lying_xlsx(real_size: int = 16 * 1024 * 1024, declared: int = 1000) -> bytes:
    """A workbook whose sheet inflates to `real_size` bytes while its headers declare `declared`: what a parser
    trusting the deflate stream instead of the declared size would inflate in full."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"\x20" * real_size)
    data = bytearray(buf.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = -1
        while (start := data.find(signature, start + 1)) != -1:
            if data[start + offset : start + offset + 4] == (real_size + 1).to_bytes(4, "little"):
                data[start + offset : start + offset + 4] = declared.to_bytes(4, "little")
    return bytes(data)


def test_a_part_that_inflates_past_its_declared_size_never_reaches_the_sheet_reader(world):
    content = _lying_xlsx()
    check_zip_container(content)  # the declared sizes look harmless
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="无法读取该文件"):
            people_io.check(user=world.user(Role.GRID_MEMBER), content=content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # the 16 MB behind the lie were never inflated


@pytest.mark.parametrize(
    "content",
    [PNG_HEADER, b"%PDF-1.7\n%%EOF", "姓名,身份证号\n张三,1\n".encode(), b""],
    ids=["png", "pdf", "csv", "empty"],
)
def test_wrong_content_behind_the_xlsx_extension_is_refused_in_chinese(world, client, content):
    client.force_login(world.user(Role.GRID_MEMBER))
    response = _upload_residents(client, "居民.xlsx", content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Excel" in html and ("有效" in html or "无法读取" in html or "空" in html)
    assert not ImportJob.objects.exists()


def test_a_word_file_renamed_to_xlsx_is_refused(world, client):
    doc = Document()
    doc.add_paragraph("不是表格")
    buf = io.BytesIO()
    doc.save(buf)
    client.force_login(world.user(Role.GRID_MEMBER))
    response = _upload_residents(client, "居民.xlsx", buf.getvalue())
    assert "无法读取该文件" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_oversized_import_is_refused_before_it_is_read(world, client):
    client.force_login(world.user(Role.GRID_MEMBER))
    response = _upload_residents(client, "居民.xlsx", b"\x00" * (50 * 1024 * 1024 + 1))
    assert "文件超过50MB" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.xlsx", "/etc/passwd.xlsx", "..\\..\\windows\\win.ini.xlsx", "a\x00.sh.xlsx"]
)
def test_path_tricks_in_an_upload_name_stay_inside_the_media_folder(world, client, name):
    client.force_login(world.user(Role.GRID_MEMBER))
    content = _xlsx([people_io.COLUMNS])
    response = _upload_residents(client, name, content)
    assert response.status_code in {200, 302}
    job = ImportJob.objects.get()
    stored = os.path.realpath(job.file.path)
    assert stored.startswith(os.path.realpath(settings.MEDIA_ROOT) + os.sep)
    assert ".." not in job.file.name and "\x00" not in job.file.name and "\x00" not in job.name
    assert "/" not in job.name and "\\" not in job.name


# --- the grid staff import (.xlsx) ---


def test_the_staff_import_refuses_a_zip_bomb_and_wrong_content(world, client, xlsx_bomb):
    client.force_login(world.user(Role.GRID_ADMIN))
    url = reverse("grid:staff_import")
    bomb = client.post(url, {"file": SimpleUploadedFile("网格员.xlsx", xlsx_bomb[: 2 * 1024 * 1024])})
    assert bomb.status_code == 200 and "疑似压缩炸弹" in bomb.content.decode()
    fake = client.post(url, {"file": SimpleUploadedFile("网格员.xlsx", PNG_HEADER)})
    assert fake.status_code == 200 and "Excel" in fake.content.decode()


# --- the shared checks ---


def test_a_docx_bomb_is_refused_before_python_docx_opens_it():
    with pytest.raises(ValidationError, match="疑似压缩炸弹"):
        check_zip_container(_bomb("word/document.xml"))


def test_real_office_files_pass_the_container_check(world):
    doc = Document()
    doc.add_paragraph("正文")
    buf = io.BytesIO()
    doc.save(buf)
    check_zip_container(buf.getvalue())
    check_zip_container(people_io.template_workbook(user=world.user(Role.GRID_MEMBER)))
    check_zip_container(_xlsx([["张三", "500101199001011234"]] * 20000))  # repetitive rows compress well


@pytest.mark.parametrize("entry", ["/etc/passwd", "../../evil.xml", "xl\\..\\..\\evil.xml"])
def test_a_container_with_escaping_entry_names_is_refused(entry):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(zipfile.ZipInfo(entry), b"x")
    with pytest.raises(ValidationError, match="路径不合法"):
        check_zip_container(buf.getvalue())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.xlsx", "passwd.xlsx"),
        ("/etc/passwd", "passwd"),
        ("C:\\Users\\a\\报告.docx", "报告.docx"),
        ("a\x00b.pdf", "ab.pdf"),
        ("..", "file"),
        (".htaccess", "htaccess"),
        ("名" * 300 + ".xlsx", "名" * 95 + ".xlsx"),  # at most 100 characters, extension kept
    ],
)
def test_safe_filename_keeps_only_a_harmless_last_component(name, expected):
    assert safe_filename(name) == expected


# --- residents' photos on the public portal ---


def test_a_photo_that_is_not_an_image_or_too_large_is_refused():
    with pytest.raises(ValidationError, match="不是可以识别的照片"):
        reencode(SimpleUploadedFile("现场.jpg", b"<?php system($_GET['c']); ?>"))
    with pytest.raises(ValidationError, match="太大了"):
        reencode(SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff" + b"\x00" * MAX_UPLOAD_BYTES))
