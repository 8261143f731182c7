"""A template filled in and saved by LibreOffice (not openpyxl) imports: its dates come back as date cells, its
numbers as floats, its hidden options sheet and dropdowns survive the round trip."""

import datetime
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.imports import services
from fazhi.imports.specs import spec_get
from fazhi.imports.tests.conftest import fill
from fazhi.training.models import Session

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _through_libreoffice(content: bytes, tmp_path) -> bytes:
    """Open the file in LibreOffice and save it again as .xlsx (via .ods, so LibreOffice writes it itself)."""
    source = tmp_path / "filled.xlsx"
    source.write_bytes(content)
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    for target, src in (("ods", source), ("xlsx", tmp_path / "filled.ods")):
        out = tmp_path / target
        out.mkdir()
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(out), str(src)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        if target == "ods":
            (out / "filled.ods").rename(tmp_path / "filled.ods")
    return (tmp_path / "xlsx" / "filled.xlsx").read_bytes()


def test_a_template_saved_by_libreoffice_imports(town, client, tmp_path):
    client.force_login(town.staff)
    template = client.get(reverse("imports:batch_template", args=["training.session"])).content
    rows = [
        {
            "单位（区划）": "明通镇（500229104000）",
            "类型": "会前学法",
            "日期": datetime.date(2024, 3, 5),
            "主题": "学习民法典",
            "学时": 1.5,
            "参加人次": 18,
        },
        {
            "单位（区划）": "500229104000",
            "类型": "法治专题讲座",
            "日期": "2024年4月8日",
            "主题": "行政复议法解读",
            "参加人次": "３０",
        },
    ]
    content = _through_libreoffice(fill(template, rows), tmp_path)
    spec = spec_get("training.session", user=town.staff)
    batch = services.batch_check(actor=town.staff, spec=spec, upload=SimpleUploadedFile("lo.xlsx", content))
    assert batch.errors == [] and batch.total == 2
    batch = services.batch_confirm(actor=town.staff, batch=batch)
    sessions = sorted(Session.objects.values_list("held_on", "topic", "hours", "participants"))
    assert [(d, t, float(h), p) for d, t, h, p in sessions] == [
        (datetime.date(2024, 3, 5), "学习民法典", 1.5, 18),
        (datetime.date(2024, 4, 8), "行政复议法解读", 1.0, 30),
    ]
