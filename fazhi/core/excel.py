"""The one writer of every .xlsx export (lists of residents, households, matters and visits).

Every cell goes through ``cell_value``: text loses the characters a worksheet cannot hold (control characters of
records written before ``fazhi.core.text`` refused them; openpyxl would raise and the whole export answer 500), and
text that Excel would read as a formula is escaped with a leading ``'`` (OWASP, CSV Injection: a cell beginning with
``=``, ``+``, ``-``, ``@``, tab or carriage return). openpyxl itself writes any string beginning with ``=`` as a live
formula. Numbers, dates and booleans are not text and stay cells of their own type.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OWASP CSV Injection: the characters that make a spreadsheet read a cell as a formula (or DDE call).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value: Any) -> Any:
    """What a cell may hold: numbers, dates and booleans as they are; text without control characters, and never
    as a formula (a resident's description "=HYPERLINK(...)" or a masked value "-**" stays text)."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)  # first, so that "\x01=cmd" cannot slip past the check below
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_response(*, title: str, headers: list[str], rows, filename: str) -> HttpResponse:
    """The workbook as a download; ``response.row_count`` is the number of data rows, for the export's audit entry
    (``fazhi.core.exports.export_record``)."""
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append([cell_value(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        ws.append([cell_value(v) for v in row])
        count += 1
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename={filename}"
    response.row_count = count  # type: ignore[attr-defined]
    return response
