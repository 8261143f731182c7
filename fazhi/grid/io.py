"""Excel template and import for grid staff (一长三员): dry run lists every bad row, the import is all-or-nothing."""

import datetime
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.uploads import check_zip_container
from fazhi.grid.choices import StaffPost
from fazhi.grid.services import staff_appoint

SHEET = "网格工作人员"
COLUMNS = ["网格", "岗位", "姓名", "联系电话", "单位/职务", "任职起始"]


def _grids(user):
    return areas_visible_to(user, Module.GRID, CHANGE).filter(level=Level.GRID).current().order_by("path")


def template_workbook(*, user) -> bytes:
    grids = list(_grids(user))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    options = wb.create_sheet("选项")
    for i, grid in enumerate(grids, start=1):
        options.cell(row=i, column=1, value=grid.name)
    for i, post in enumerate(StaffPost, start=1):
        options.cell(row=i, column=2, value=str(post.label))
    options.sheet_state = "hidden"
    if grids:
        dv = DataValidation(type="list", formula1=f"=选项!$A$1:$A${len(grids)}")
        ws.add_data_validation(dv)
        dv.add("A2:A5000")
    dv = DataValidation(type="list", formula1=f"=选项!$B$1:$B${len(StaffPost)}")
    ws.add_data_validation(dv)
    dv.add("B2:B5000")
    help_ws = wb.create_sheet("填写说明")
    for line in [
        _("网格工作人员（一长三员）导入模板填写说明"),
        _("1. 每行一人一岗：网格长、专职网格员、兼职网格员、网格指导员（请从下拉列表选择）。"),
        _("2. “网格”“岗位”“姓名”“任职起始”必填；任职起始填日期，如 2023-01-01。"),
        _("3. 先校验后导入：有任何错误则不导入；全部通过后确认，一次性全部导入。"),
    ]:
        help_ws.append([line])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip().replace("/", "-"))
    except ValueError:
        return None


def parse(*, user, content: bytes) -> tuple[list[dict], list[dict]]:
    check_zip_container(content)  # before openpyxl inflates anything (zip bombs)
    try:
        wb = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a non-Excel file
        raise ValidationError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(_("表头缺少列：%(c)s。请使用导入模板。") % {"c": "、".join(missing)})
    idx = {c: header.index(c) for c in COLUMNS}
    grids = {g.name: g for g in _grids(user)}
    posts = {str(p.label): p.value for p in StaffPost}
    good, errors = [], []
    for n, values in enumerate(rows, start=2):
        cell = {c: (values[i] if i < len(values) else None) for c, i in idx.items()}
        if not any(v not in (None, "") for v in cell.values()):
            continue
        row_errors = []
        grid = grids.get(str(cell["网格"] or "").strip())
        if grid is None:
            row_errors.append({"row": n, "column": "网格", "message": _("未知的网格，或不在您的管辖范围内。")})
        post = posts.get(str(cell["岗位"] or "").strip())
        if post is None:
            row_errors.append(
                {"row": n, "column": "岗位", "message": _("岗位须为网格长、专职网格员、兼职网格员或网格指导员。")}
            )
        name = str(cell["姓名"] or "").strip()
        if not name:
            row_errors.append({"row": n, "column": "姓名", "message": _("必填项不能为空。")})
        start = _date(cell["任职起始"])
        if start is None:
            row_errors.append({"row": n, "column": "任职起始", "message": _("请填写有效日期，如 2023-01-01。")})
        if row_errors:
            errors.extend(row_errors)
            continue
        good.append(
            {
                "area": grid,
                "post": post,
                "name": name[:50],
                "phone": str(cell["联系电话"] or "").strip()[:20],
                "unit": str(cell["单位/职务"] or "").strip()[:100],
                "valid_from": start,
            }
        )
    return good, errors


def import_staff(*, actor, content: bytes) -> int:
    good, errors = parse(user=actor, content=content)
    if errors:
        raise ValidationError(_("文件校验未通过（共%(n)d处错误），未导入任何数据。") % {"n": len(errors)})
    with transaction.atomic():
        for row in good:
            staff_appoint(actor=actor, **row)
    return len(good)
