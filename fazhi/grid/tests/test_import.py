import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.accounts.roles import Role
from fazhi.grid.io import COLUMNS, SHEET
from fazhi.grid.models import GridStaff


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("staff.xlsx", buf.getvalue())


def test_the_staff_template_has_dropdowns_and_instructions(client, seeded):
    client.force_login(seeded.user(Role.GRID_ADMIN))
    wb = load_workbook(io.BytesIO(client.get(reverse("grid:staff_import_template")).content))
    assert [c.value for c in wb[SHEET][1]] == COLUMNS and "填写说明" in wb.sheetnames
    assert wb[SHEET].data_validations.dataValidation


def test_staff_import_dry_run_lists_errors_and_saves_nothing_then_imports_all(client, seeded):
    client.force_login(seeded.user(Role.GRID_ADMIN))
    grid = seeded.grid.name
    bad = _xlsx([[grid, "网格长", "王一", "", "", "2023-01-01"], ["不存在网格", "组长", "", "", "", "昨天"]])
    page = client.post(reverse("grid:staff_import"), {"file": bad}).content.decode()
    assert "未导入任何数据" in page and "未知的网格" in page and "岗位须为" in page and "有效日期" in page
    assert client.post(reverse("grid:staff_import_confirm")).status_code == 302
    assert GridStaff.objects.count() == 0
    good = _xlsx(
        [
            [grid, "网格长", "王一", "13900000000", "村支书", "2023-01-01"],
            [grid, "专职网格员", "李二", "", "", "2023-02-01"],
        ]
    )
    page = client.post(reverse("grid:staff_import"), {"file": good}).content.decode()
    assert "校验通过" in page and GridStaff.objects.count() == 0
    client.post(reverse("grid:staff_import_confirm"))
    assert sorted(GridStaff.objects.values_list("post", flat=True)) == ["full_time", "leader"]
