"""The Excel side of an import: the template a list page hands out, the reading of a filled-in file (refusing
formulas and merged cells, which hide what a cell holds), and the annotated copy with each error beside its cell."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core.uploads import check_zip_container
from fazhi.imports.cells import as_text
from fazhi.imports.columns import REQUIRED_MARK, Column

OPTIONS_SHEET = "选项"
HELP_SHEET = "说明"
SUMMARY_SHEET = "错误汇总"
MAX_ROWS = 20_000
TEMPLATE_ROWS = 5000  # rows that carry the dropdowns
BAD_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
REQUIRED_FONT = Font(bold=True, color="C00000")
AUTHOR = "法治乡镇工作平台"


@dataclass
class RowError:
    row: int
    column: str  # the header as the template writes it, without the required mark; "" for the row as a whole
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


def template_workbook(*, label: str, columns: list[Column], example: dict[str, str], key: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = label[:31]
    ws.append([c.title for c in columns])
    for cell, column in zip(ws[1], columns, strict=True):
        cell.font = REQUIRED_FONT if column.required else Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = max(12, min(40, 2 * len(column.title) + 4))
    options = wb.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        if not column.options or column.multiple:
            continue
        for row, option in enumerate(column.options, start=1):
            options.cell(row=row, column=i, value=option)
        dv = DataValidation(
            type="list", formula1=f"={OPTIONS_SHEET}!${letter}$1:${letter}${len(column.options)}", allow_blank=True
        )
        dv.error, dv.errorTitle = _("请从下拉列表选择。"), column.header
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
    help_ws = wb.create_sheet(HELP_SHEET)
    lines = [
        _("%(label)s导入模板填写说明") % {"label": label},
        _("1. 每行一条记录，从第2行起填写；表头不要改动。标“*”的列必填。"),
        _("2. 带下拉列表的列请从列表选择；区划可写名称或12位区划代码。多选的列用顿号（、）分隔。"),
        _("3. 日期写成 2024-03-05、2024.3.5、2024/3/5 或 2024年3月5日；日、月、年顺序的写法无法分辨，不予接受。"),
        _("4. 请填写数值，不要用公式，也不要合并单元格。全角数字会自动转为半角。"),
        _("5. 上传后先校验每一行（与页面登记同样的规则），不保存任何数据；有错误可下载标注了错误的文件。"),
        _("6. 全部通过才可确认导入，要么全部导入，要么一条不导入。")
        + _("已导入过的记录（按%(key)s识别）再次导入时跳过。") % {"key": key},
        _("7. 每个文件不超过%(n)d行。") % {"n": MAX_ROWS},
        "",
        _("示例（请勿照抄到第一张表）："),
    ]
    for line in lines:
        help_ws.append([line])
    help_ws.append([c.title for c in columns])
    help_ws.append([_example(c, example) for c in columns])
    help_ws.append([])
    help_ws.append([_("列"), _("必填"), _("说明")])
    for column in columns:
        hint = column.help or ("、".join(column.options[:20]) if column.options else "")
        help_ws.append([column.header, _("是") if column.required else "", hint])
    help_ws.column_dimensions["A"].width = 30
    help_ws.column_dimensions["C"].width = 80
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def key_text(spec_key: tuple[str, ...], columns: list[Column]) -> str:
    headers = {c.name: c.header for c in columns}
    return "＋".join(headers.get(name, name) for name in spec_key)


def _example(column: Column, example: dict[str, str]) -> str:
    if column.name in example:
        return example[column.name]
    if column.options and column.required:
        return column.options[0]
    return ""


def _header_name(value) -> str:
    return as_text(value).rstrip(REQUIRED_MARK).rstrip("＊").strip()


def read_rows(*, content: bytes, columns: list[Column], errors: list[RowError]) -> list[tuple[int, dict]]:
    """Every data row as (row number, {field name: raw cell value}); cells that cannot be read add errors."""
    check_zip_container(content)  # before anything inflates the file (zip bombs)
    try:
        wb = load_workbook(BytesIO(content))
    except Exception as exc:  # zipfile and openpyxl raise several types for a file that is not a workbook
        raise ValidationError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。")) from exc
    ws = wb.worksheets[0]
    if ws.max_row - 1 > MAX_ROWS:
        raise ValidationError(_("文件超过%(n)d行，请拆分后分批导入。") % {"n": MAX_ROWS})
    header = [_header_name(c.value) for c in ws[1]] if ws.max_row else []
    by_header = {c.header: c for c in columns}
    missing = [c.title for c in columns if c.header not in header]
    unknown = [h for h in header if h and h not in by_header]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("缺少列：%(c)s") % {"c": "、".join(missing)})
        if unknown:
            parts.append(_("多出列：%(c)s") % {"c": "、".join(unknown)})
        raise ValidationError(_("表头与模板不符（%(p)s），请下载本页的导入模板填写。") % {"p": "；".join(parts)})
    index = {by_header[h].name: i for i, h in enumerate(header) if h in by_header}
    headers = {c.name: c.header for c in columns}
    for merged in ws.merged_cells.ranges:
        if merged.max_row < 2:
            continue
        column = header[merged.min_col - 1] if merged.min_col <= len(header) else ""
        errors.append(
            RowError(
                max(2, merged.min_row), column, _("不能合并单元格（%(r)s），请每格分别填写。") % {"r": merged.coord}
            )
        )
    rows = []
    for number, cells in enumerate(ws.iter_rows(min_row=2), start=2):
        raw = {}
        for name, i in index.items():
            cell = cells[i] if i < len(cells) else None
            value = cell.value if cell is not None else None
            if cell is not None and cell.data_type == "f":
                errors.append(
                    RowError(number, headers[name], _("此处应填写数值，不能是公式（%(f)s）。") % {"f": value})
                )
                value = None
            raw[name] = value
        if any(as_text(v) for v in raw.values()):
            rows.append((number, raw))
    return rows


def annotate(*, content: bytes, errors: list[dict]) -> bytes:
    """The uploaded file with each bad cell filled red and its Chinese messages as a comment, and a summary sheet
    listing every error by row and column."""
    wb = load_workbook(BytesIO(content))
    ws = wb.worksheets[0]
    header = [_header_name(c.value) for c in ws[1]]
    by_cell: dict[tuple[int, int], list[str]] = {}
    for e in errors:
        col = header.index(e["column"]) + 1 if e["column"] in header else 1
        by_cell.setdefault((e["row"], col), []).append(e["message"])
    for (row, col), messages in by_cell.items():
        cell = ws.cell(row=row, column=col)
        cell.fill = BAD_FILL
        cell.comment = Comment("\n".join(messages), AUTHOR, width=300, height=120)
    if SUMMARY_SHEET in wb.sheetnames:
        wb.remove(wb[SUMMARY_SHEET])
    summary = wb.create_sheet(SUMMARY_SHEET, 1)
    summary.append([_("共 %(n)d 处错误，未导入任何数据。改正后请重新上传原文件。") % {"n": len(errors)}])
    summary.append([_("行号"), _("列"), _("问题")])
    for e in errors:
        summary.append([e["row"], e["column"], e["message"]])
    summary.column_dimensions["C"].width = 80
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
