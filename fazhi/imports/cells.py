"""What a spreadsheet cell means: the text a form would have received for it, or a Chinese message why not.

People type dates and numbers in many ways. A date is accepted when it can only mean one day (2024-3-5, 2024.3.5,
2024/3/5, 2024年3月5日, a real date cell); one that could be read two ways (3/5/2024, 24.3.5) or a bare number
(Excel's day count, shown when a date cell lost its format) is refused rather than guessed. Full-width digits and
punctuation (２０２４．３．５, typed with a Chinese input method) are read as their ASCII forms.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

# 年 first, four digits: the only order that cannot be mistaken (GB/T 7408 writes dates this way).
_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]00:00(:00)?$")


class CellError(ValueError):
    """A cell whose value cannot be taken as written; the message says why in Chinese."""


def narrow(text: str) -> str:
    """Full-width digits, letters and punctuation as ASCII (NFKC), for cells that hold numbers, dates or codes."""
    return unicodedata.normalize("NFKC", text).strip()


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value).strip()


def as_date(value) -> str:
    """ISO text of the one day the cell names."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            raise CellError(_("请只填写日期，不带时间。"))
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise CellError(_("日期写成了数字，请设置为日期格式或写成 2024-03-05。"))
    text = narrow(as_text(value))
    if not text:
        return ""
    text = _DATE_TIME.sub(r"\1", text)
    match = _DATE.match(text)
    if not match:
        raise CellError(_("无法识别的日期“%(v)s”，请写成 2024-03-05、2024.3.5 或 2024年3月5日。") % {"v": text})
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError as exc:
        raise CellError(_("不存在的日期“%(v)s”。") % {"v": text}) from exc


def as_number(value) -> str:
    if isinstance(value, bool):
        raise CellError(_("此处应填写数字。"))
    if isinstance(value, int | float | Decimal):
        return as_text(value)
    if isinstance(value, datetime.date):
        raise CellError(_("此处应填写数字，不是日期。"))
    # 1,200 and １２００ are the same number; the form's own field refuses what is still not one.
    return narrow(as_text(value)).replace(",", "")
