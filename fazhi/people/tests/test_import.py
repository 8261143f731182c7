import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.accounts.roles import Role
from fazhi.people import services
from fazhi.people.io import COLUMNS, SHEET, template_workbook
from fazhi.people.models import Household, ImportJob, Resident
from fazhi.people.tests.conftest import make_id

GOOD_1 = make_id("19900101", 123)
GOOD_2 = make_id("19851231", 124)


def _xlsx(rows, name="residents.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def _row(grid, number, name="张三", household="01-001", phone="13812345678", status="常住", tags="退役军人"):
    return [grid.name, household, "张大", name, number, phone, "新红村1组", status, tags]


@pytest.fixture
def member(seeded):
    return seeded.user(Role.GRID_MEMBER)


def test_the_template_has_chinese_headers_dropdowns_and_instructions(seeded, member):
    wb = load_workbook(io.BytesIO(template_workbook(user=member)))
    assert [c.value for c in wb[SHEET][1]] == COLUMNS
    assert wb[SHEET].data_validations.dataValidation
    assert "填写说明" in wb.sheetnames
    assert wb["选项"]["A1"].value == seeded.grid.name


def test_a_mixed_file_imports_nothing_in_the_dry_run_and_reports_every_bad_row(seeded, member):
    bad_check = GOOD_2[:17] + ("0" if GOOD_2[17] != "0" else "1")
    upload = _xlsx(
        [
            _row(seeded.grid, GOOD_1),
            _row(seeded.grid, bad_check, name="李四"),
            _row(seeded.sibling_grid, make_id("19700101", 111), name="王五"),  # not the member's grid
            _row(seeded.grid, GOOD_1, name="张三重复"),
            _row(seeded.grid, make_id("19700101", 113), name="赵六", status="出差", tags="不存在"),
        ]
    )
    job = services.import_check(actor=member, upload=upload)
    assert job.status == "invalid" and job.total == 5
    found = {(e["row"], e["column"]) for e in job.errors}
    assert found == {(3, "身份证号"), (4, "网格"), (5, "身份证号"), (6, "状态"), (6, "标签")}
    assert any("第2行" in e["message"] for e in job.errors)
    assert Resident.objects.count() == 0 and Household.objects.count() == 0
    with pytest.raises(ValidationError, match="校验全部通过"):
        services.import_confirm(actor=member, job=job)
    assert Resident.objects.count() == 0


def test_the_annotated_file_marks_each_bad_cell_with_its_message(client, seeded, member):
    job = services.import_check(actor=member, upload=_xlsx([_row(seeded.grid, "500229900101123")]))
    client.force_login(member)
    content = client.get(reverse("people:import_annotated", args=[job.pk])).content
    cell = load_workbook(io.BytesIO(content))[SHEET]["E2"]
    assert "15位" in cell.comment.text
    assert cell.fill.start_color.rgb.endswith("FFC7CE")


def test_the_annotated_file_gives_back_no_full_id_or_phone_number(client, seeded, member):
    good = _row(seeded.grid, GOOD_1)
    bad = _row(seeded.grid, GOOD_2, name="李四")
    bad[7] = "未知状态"
    job = services.import_check(actor=member, upload=_xlsx([good, bad]))
    assert job.status == "invalid"
    client.force_login(member)
    content = client.get(reverse("people:import_annotated", args=[job.pk])).content
    ws = load_workbook(io.BytesIO(content))[SHEET]
    assert [ws["E2"].value, ws["E3"].value] == ["*" * 16 + GOOD_1[-2:], "*" * 16 + GOOD_2[-2:]]
    assert ws["F2"].value == "138****5678" and ws["H3"].comment is not None
    flat = repr([[c.value for c in row] for sheet in load_workbook(io.BytesIO(content)) for row in sheet.iter_rows()])
    assert GOOD_1 not in flat and GOOD_2 not in flat and "13812345678" not in flat


def test_a_confirmed_import_saves_everything_and_a_reimport_updates(seeded, member):
    rows = [_row(seeded.grid, GOOD_1), _row(seeded.grid, GOOD_2, name="李四", household="01-002", tags="")]
    job = services.import_check(actor=member, upload=_xlsx(rows))
    assert job.status == "checked" and job.errors == []
    job = services.import_confirm(actor=member, job=job)
    assert (job.status, job.created, job.updated) == ("done", 2, 0)
    zs = Resident.objects.get(name="张三")
    assert zs.id_number == GOOD_1 and zs.phone_masked == "138****5678" and zs.name_initials == "zs"
    assert list(zs.tags.values_list("code", flat=True)) == ["veteran"]
    assert zs.household.number == "01-001" and Household.objects.count() == 2
    rows[0][3] = "张叁"
    job = services.import_confirm(actor=member, job=services.import_check(actor=member, upload=_xlsx(rows)))
    assert (job.status, job.created, job.updated) == ("done", 0, 2)
    assert Resident.objects.count() == 2
    assert Resident.objects.get(pk=zs.pk).name == "张叁"


def test_the_import_is_all_or_nothing(seeded, member):
    # A resident already registered in another grid cannot be moved by this member's import: nothing is saved.
    services.resident_create(actor=None, area=seeded.sibling_grid, name="外格", id_number=GOOD_2)
    job = services.import_check(
        actor=member, upload=_xlsx([_row(seeded.grid, GOOD_1), _row(seeded.grid, GOOD_2, household="01-002")])
    )
    job = services.import_confirm(actor=member, job=job)
    assert job.status == "failed" and "管辖范围以外" in job.message
    assert Resident.objects.count() == 1 and Household.objects.count() == 0


def test_large_files_go_through_the_background_task(seeded, member, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    rows = [_row(seeded.grid, make_id("19600101", i), name=f"居民{i}", household="") for i in range(1, 41)]
    job = services.import_check(actor=member, upload=_xlsx(rows))
    from fazhi.people import services as people_services

    old = people_services.BACKGROUND_ROWS
    people_services.BACKGROUND_ROWS = 10
    try:
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            people_services.import_confirm(actor=member, job=job)
    finally:
        people_services.BACKGROUND_ROWS = old
    job.refresh_from_db()
    assert (job.status, job.created, job.done) == ("done", 40, 40)


def test_a_non_excel_upload_is_refused_with_a_message(seeded, member):
    with pytest.raises(ValidationError) as exc:
        services.import_check(actor=member, upload=SimpleUploadedFile("a.xlsx", b"not excel"))
    assert "无法读取" in exc.value.message_dict["file"][0]
    assert ImportJob.objects.count() == 0


def test_the_upload_page_runs_the_dry_run(client, seeded, member):
    client.force_login(member)
    response = client.post(reverse("people:import_upload"), {"file": _xlsx([_row(seeded.grid, "123")])})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "未导入任何数据" in page and "身份证号须为18位" in page


def test_a_sheet_too_large_to_hold_in_memory_is_refused_before_it_is_read(seeded, member, monkeypatch):
    monkeypatch.setattr("fazhi.people.io.MAX_SHEET_BYTES", 2000)  # the real bound is about 200,000 rows
    rows = [_row(seeded.grid, make_id("19600101", i), name=f"居民{i}", household="") for i in range(1, 41)]
    with pytest.raises(ValidationError) as exc:
        services.import_check(actor=member, upload=_xlsx(rows))
    assert "文件过大" in exc.value.message_dict["file"][0] and "分批导入" in exc.value.message_dict["file"][0]
    assert ImportJob.objects.count() == 0 and Resident.objects.count() == 0


def test_errors_name_the_rows_excel_shows_when_the_table_starts_in_column_b(seeded, member):
    # The reader skips empty leading columns, never rows: a bad 身份证号 on the third data line is row 4.
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for row in [COLUMNS, _row(seeded.grid, GOOD_1), _row(seeded.grid, GOOD_2, name="李四"), _row(seeded.grid, "1")]:
        ws.append([None, *row])
    buf = io.BytesIO()
    wb.save(buf)
    job = services.import_check(actor=member, upload=SimpleUploadedFile("r.xlsx", buf.getvalue()))
    assert job.total == 3
    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "身份证号")]
