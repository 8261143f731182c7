"""身份证号 (公民身份号码) validation per GB 11643-1999, and pinyin keys for name search."""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

# GB 11643-1999 公民身份号码 §8.2: ISO 7064 MOD 11-2 check character.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_id_number(value: str, *, today: datetime.date | None = None) -> tuple[str, datetime.date, str]:
    """Validate a 18-character 身份证号; return (normalised number, birth date, sex code). Chinese errors."""
    # NFKC turns full-width digits and Ｘ (an input method's default) into ASCII; [0-9], not \d, refuses other scripts.
    number = "".join(unicodedata.normalize("NFKC", str(value)).split()).upper()
    if re.fullmatch(r"[0-9]{15}", number):
        # First-generation 15-digit numbers were replaced by GB 11643-1999's 18-digit form.
        raise ValidationError(_("不支持15位旧身份证号，请填写18位公民身份号码。"), code="legacy")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise ValidationError(_("身份证号须为18位：前17位为数字，最后一位为数字或X。"), code="format")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise ValidationError(_("身份证号中的出生日期（第7至14位）不是有效日期。"), code="birth_date") from exc
    today = today or datetime.date.today()
    if birth > today or birth.year < 1880:
        raise ValidationError(_("身份证号中的出生日期（第7至14位）不合理。"), code="birth_date")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(_("身份证号校验码（第18位）不正确，请核对。"), code="check_digit")
    sex = "male" if int(number[16]) % 2 == 1 else "female"
    return number, birth, sex


def normalise_phone(value: str) -> str:
    phone = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", str(value or "")))
    if phone and not re.fullmatch(r"1[0-9]{10}|0[0-9]{9,11}", phone):
        raise ValidationError(_("联系电话应为11位手机号或带区号的固定电话。"), code="phone")
    return phone


def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case: 张三 → ("zhangsan", "zs")."""
    full = "".join(lazy_pinyin(name, errors="ignore")).lower()
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()
    return full[:200], initials[:50]
