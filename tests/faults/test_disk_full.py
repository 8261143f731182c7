"""A full upload disk, for real: a 1 MB tmpfs as MEDIA_ROOT, and an upload bigger than the space left."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_choices, dictionary_seed
from fazhi.grid.choices import CATEGORY
from fazhi.grid.models import Matter, MatterAttachment


@pytest.fixture
def full_disk(tmp_path, settings):
    media = tmp_path / "tmpfs"
    media.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(media)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    settings.MEDIA_ROOT = str(media)
    yield media
    subprocess.run(["umount", str(media)], check=True)


def test_an_upload_larger_than_the_space_left_is_refused_clearly_and_registers_nothing(world, full_disk):
    dictionary_seed()
    browser = Client(raise_request_exception=False)
    browser.force_login(world.user(Role.GRID_MEMBER))
    photo = SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = browser.post(
        "/grid/matters/new/",
        {
            "area": world.grid.pk,
            "category": dictionary_choices(CATEGORY)[0][0],
            "description": "磁盘已满时登记的事项",
            "source": "grid_report",
            "attachments": photo,
        },
    )
    assert response.status_code == 507
    assert "存储空间已满" in response.content.decode()
    assert not Matter.objects.filter(description="磁盘已满时登记的事项").exists()
    assert not MatterAttachment.objects.exists()
    assert [p.name for p in full_disk.rglob("*") if p.is_file()] == [], "a partly written file was left behind"
