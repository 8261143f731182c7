"""身份证号 (公民身份号码) validation per GB 11643-1999, and pinyin keys for name search."""

import datetime
import re
import unicodedata
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import RE_HANS
from pypinyin.seg.simpleseg import simple_seg

# GB 11643-1999 公民身份号码 §8.2: ISO 7064 MOD 11-2 check character.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_LEGACY = re.compile(r"[0-9]{15}")
_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_PHONE_JUNK = re.compile(r"[\s\-]")
_PHONE = re.compile(r"1[0-9]{10}|0[0-9]{9,11}")


def id_check_char(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_id_number(value: str, *, today: datetime.date | None = None) -> tuple[str, datetime.date, str]:
    """Validate a 18-character 身份证号; return (normalised number, birth date, sex code). Chinese errors."""
    # NFKC turns full-width digits and Ｘ (an input method's default) into ASCII; [0-9], not \d, refuses other scripts.
    number = "".join(unicodedata.normalize("NFKC", str(value)).split()).upper()
    if _LEGACY.fullmatch(number):
        # First-generation 15-digit numbers were replaced by GB 11643-1999's 18-digit form.
        raise ValidationError(_("不支持15位旧身份证号，请填写18位公民身份号码。"), code="legacy")
    if not _FORMAT.fullmatch(number):
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
    phone = _PHONE_JUNK.sub("", unicodedata.normalize("NFKC", str(value or "")))
    if phone and not _PHONE.fullmatch(phone):
        raise ValidationError(_("联系电话应为11位手机号或带区号的固定电话。"), code="phone")
    return phone


@lru_cache(maxsize=65_536)  # names repeat a lot within a township
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case: 张三 → ("zhangsan", "zs").

    The same as ``lazy_pinyin(name, errors="ignore")`` (and its FIRST_LETTER style) joined, computed per run of
    Chinese characters: pypinyin itself splits the text into such runs (``simple_seg``), segments each run into
    phrases on its own and, with errors="ignore", drops every other run — so each run is converted once and cached.
    """
    full, initials = [], []
    for run in simple_seg(name):
        if RE_HANS.match(run):
            run_full, run_initials = _run_pinyin(run)
            full.append(run_full)
            initials.append(run_initials)
    return "".join(full).lower()[:200], "".join(initials).lower()[:50]


@lru_cache(maxsize=65_536)
def _run_pinyin(run: str) -> tuple[str, str]:
    return (
        "".join(lazy_pinyin(run, errors="ignore")),
        "".join(lazy_pinyin(run, style=Style.FIRST_LETTER, errors="ignore")),
    )
