"""Bad files: every error names the row, the column and what is wrong in Chinese, and a file with any error
imports nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEntry
from fazhi.imports import services
from fazhi.imports.cells import CellError, as_date
from fazhi.imports.models import ImportBatch
from fazhi.imports.specs import spec_get
from fazhi.imports.tests.conftest import fill
from fazhi.publicity.models import Activity

KIND = "publicity.activity"


def _row(**changes):
    row = {
        "所属区划": "岚溪村（500229104201）",
        "日期": "2024-03-05",
        "活动名称": "宪法宣传周",
        "形式": "讲座",
        "参与人次": 80,
    }
    row.update(changes)
    return row


@pytest.fixture
def template(town, client):
    client.force_login(town.staff)
    return client.get(reverse("imports:batch_template", args=[KIND])).content


def _check(town, content: bytes, name: str = "f.xlsx") -> ImportBatch:
    spec = spec_get(KIND, user=town.staff)
    return services.batch_check(actor=town.staff, spec=spec, upload=SimpleUploadedFile(name, content))


def _errors(batch) -> list[tuple]:
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024.3.5", datetime.date(2024, 3, 5)),
        ("2024年3月5日", datetime.date(2024, 3, 5)),
        ("2024/3/5", datetime.date(2024, 3, 5)),
        ("２０２４－０３－０５", datetime.date(2024, 3, 5)),
        (datetime.datetime(2024, 3, 5), datetime.date(2024, 3, 5)),
    ],
)
def test_a_date_written_as_text_is_read_when_it_names_one_day(text, day):
    assert as_date(text) == day.isoformat()


@pytest.mark.parametrize("text", ["3/5/2024", "05.03.2024", "24.3.5", "2024-2-30", 45356])
def test_a_date_that_could_be_read_two_ways_or_does_not_exist_is_refused(text):
    with pytest.raises(CellError):
        as_date(text)


def test_a_file_with_errors_lists_each_by_row_and_column_and_its_annotated_copy_marks_the_cells(town, template, client):
    rows = [
        _row(),
        _row(日期="3/5/2024", 活动名称="第二场"),
        _row(所属区划="宁厂社区", 活动名称="第三场"),
        _row(形式="广场舞", 活动名称="第四场"),
        _row(活动名称="", 参与人次="很多"),
        _row(日期="2099-01-01", 活动名称="未来的活动"),
    ]
    batch = _check(town, fill(template, rows))
    errors = _errors(batch)
    assert batch.status == "invalid"
    assert (3, "日期", "无法识别的日期“3/5/2024”，请写成 2024-03-05、2024.3.5 或 2024年3月5日。") in errors
    assert (4, "所属区划", "“宁厂社区”不是可选的所属区划（或不在您的管辖范围内），请从下拉列表选择。") in errors
    assert (5, "形式", "“广场舞”不是可选的形式（或不在您的管辖范围内），请从下拉列表选择。") in errors
    assert (6, "活动名称", "这个字段是必填项。") in errors or (6, "活动名称", "该字段是必填项。") in errors
    assert any(e[:2] == (6, "参与人次") for e in errors)
    # the service's own rule, met in the dry run because the dry run writes and rolls back
    assert (7, "日期", "活动日期不能晚于今天；计划中的活动请列入年度普法计划。") in errors
    assert not any(e[0] == 2 for e in errors)
    assert Activity.objects.count() == 0

    response = client.get(reverse("imports:batch_annotated", args=[KIND, batch.pk]))
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    header = [str(c.value).rstrip("*") for c in ws[1]]
    date_cell = ws.cell(row=3, column=header.index("日期") + 1)
    assert "无法识别的日期" in date_cell.comment.text
    assert date_cell.fill.start_color.rgb.endswith("FFC7CE")
    assert ws.cell(row=2, column=header.index("日期") + 1).comment is None
    summary = wb["错误汇总"]
    assert summary["A1"].value.startswith(f"共 {len(errors)} 处错误")
    assert [summary.cell(row=3, column=c).value for c in (1, 2)] == [3, "日期"]


def test_a_file_with_any_error_imports_nothing_even_when_its_other_rows_are_good(town, template, client):
    good = _check(town, fill(template, [_row(), _row(活动名称="第二场")]))
    assert good.status == "checked"
    # the records change between the dry run and the import: the second row's area is closed to this user now
    good.file.save("f.xlsx", SimpleUploadedFile("f.xlsx", fill(template, [_row(), _row(形式="不存在")])))
    client.post(reverse("imports:batch_confirm", args=[KIND, good.pk]))
    good.refresh_from_db()
    assert good.status == "failed" and "未导入任何数据" in good.message
    assert (3, "形式") in [(e["row"], e["column"]) for e in good.errors]
    assert Activity.objects.count() == 0


def test_reimporting_the_same_file_creates_no_duplicates(town, template, client):
    content = fill(template, [_row(), _row(活动名称="第二场")])
    first = _check(town, content)
    services.batch_confirm(actor=town.staff, batch=first)
    again = _check(town, content)
    assert again.status == "checked" and again.skipped == 2
    again = services.batch_confirm(actor=town.staff, batch=again)
    assert (again.created, again.skipped) == (0, 2)
    assert Activity.objects.count() == 2


def test_the_same_record_twice_in_one_file_is_an_error(town, template):
    batch = _check(town, fill(template, [_row(), _row(参与人次=90)]))
    assert _errors(batch) == [(3, "", "与第2行是同一条记录，请删去重复的一行。")]


def test_a_wrong_template_is_refused_naming_the_columns(town, template):
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "日期"])
    wb.active.append(["张三", "1", "2024-03-05"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(Exception) as caught:
        _check(town, buf.getvalue())
    message = " ".join(caught.value.messages)
    assert "表头与模板不符" in message and "缺少列：所属区划*" in message and "多出列：姓名、身份证号" in message
    assert ImportBatch.objects.count() == 0


def test_an_oversized_file_or_one_that_is_not_a_workbook_is_refused(town, client):
    client.force_login(town.staff)
    big = SimpleUploadedFile("big.xlsx", b"0" * (services.MAX_UPLOAD_BYTES + 1))
    response = client.post(reverse("imports:batch_upload", args=[KIND]), {"file": big})
    assert "文件超过10MB，请拆分后分批导入。" in response.content.decode()
    response = client.post(reverse("imports:batch_upload", args=[KIND]), {"file": SimpleUploadedFile("a.xlsx", b"x")})
    assert "无法读取该文件" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_formula_or_a_merged_cell_is_refused_where_a_value_belongs(town, template):
    wb = load_workbook(io.BytesIO(fill(template, [_row(), _row(活动名称="第二场"), _row(活动名称="第三场")])))
    ws = wb.worksheets[0]
    header = [str(c.value).rstrip("*") for c in ws[1]]
    ws.cell(row=2, column=header.index("参与人次") + 1, value="=40+40")
    place = header.index("地点") + 1
    ws.merge_cells(start_row=3, start_column=place, end_row=4, end_column=place)
    buf = io.BytesIO()
    wb.save(buf)
    errors = _errors(_check(town, buf.getvalue()))
    assert (2, "参与人次", "此处应填写数值，不能是公式（=40+40）。") in errors
    assert any(e[0] == 3 and e[1] == "地点" and e[2].startswith("不能合并单元格") for e in errors)
    assert Activity.objects.count() == 0


def test_full_width_digits_are_read_as_numbers(town, template):
    batch = _check(town, fill(template, [_row(参与人次="１２０", 日期="２０２４．３．５")]))
    batch = services.batch_confirm(actor=town.staff, batch=batch)
    activity = Activity.objects.get()
    assert (activity.participants, activity.held_on) == (120, datetime.date(2024, 3, 5))


def test_an_import_is_audited_as_one_entry_with_its_count_and_record_ids(town, template):
    batch = _check(town, fill(template, [_row(), _row(活动名称="第二场")]))
    batch = services.batch_confirm(actor=town.staff, batch=batch)
    entry = AuditEntry.objects.get_for_object(batch).latest("pk")
    assert str(entry.changes_dict["created"][1]) == "2"
    assert sorted(Activity.objects.values_list("pk", flat=True)) == sorted(batch.record_ids)
    assert sorted(entry.changes_dict["record_ids"][1]) == sorted(batch.record_ids)


def test_a_large_file_imports_in_the_background_with_its_progress(town, template, django_capture_on_commit_callbacks):
    rows = [_row(活动名称=f"第{i}场", 参与人次=i) for i in range(services.BACKGROUND_ROWS + 1)]
    batch = _check(town, fill(template, rows))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = services.batch_confirm(actor=town.staff, batch=batch)
    assert batch.status == "queued" and Activity.objects.count() == 0
    for callback in callbacks:
        callback()  # the immediate task backend runs the import here, as the worker would
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.created) == ("done", len(rows), len(rows))
    assert Activity.objects.count() == len(rows)


def test_a_user_without_change_rights_in_the_area_cannot_import_there(town, world, template, client):
    """The 治平乡 legal staff sees no 明通镇 village in its dropdown, and a row naming one is refused."""
    from fazhi.accounts.roles import Role

    other = world.user(Role.LEGAL_STAFF)
    spec = spec_get(KIND, user=other)
    content = fill(template, [_row()])
    batch = services.batch_check(actor=other, spec=spec, upload=SimpleUploadedFile("f.xlsx", content))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "所属区划")]
    assert Activity.objects.count() == 0
