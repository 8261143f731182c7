"""The parts of the report that make it a 公文 under GB/T 9704-2012 党政机关公文格式 besides its title and body:
主送机关 (7.3.2), 发文机关署名 and 成文日期 (7.3.5). Every word comes from the area tree — no county is named here
(ARCHITECTURE rule 11) — and the Word, PDF and HTML outputs all read them from `Parts`."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.areas.models import Level
from fazhi.areas.words import place_words

ADDRESSEE_MAX = 200
# Endings of a county-level name, longest first, and the word the 依法治X委员会 takes from each.
_COUNTY_ENDINGS = (("自治县", "县"), ("自治旗", "旗"), ("县", "县"), ("区", "区"), ("市", "市"), ("旗", "旗"))


@dataclass(frozen=True)
class Parts:
    addressee: str  # 主送机关, without its closing "："
    issuer: str  # 发文机关署名
    dated: str  # 成文日期 "2024年1月20日", or "（草稿）" until the report is finalised


def issuer(area) -> str:
    """发文机关署名: a 乡 or 镇 signs as its 人民政府, a 街道 as its 办事处 (areas.words)."""
    return place_words(area).organ


def default_addressee(area) -> str:
    """The level above: its 人民政府 and, through its 依法治县办 (the 全面依法治X委员会办公室, the 督察单位 a copy
    goes to), its party committee — the township reports to the county's 党委和政府 (督察工作规定 第二十三条第二款,
    docs/law.md AR-01). E.g. for a township of 城口县
    "中共城口县委全面依法治县委员会办公室、城口县人民政府". Empty when the area has no parent to address."""
    parent = area.parent
    if parent is None or parent.level < Level.CITY:
        return ""
    name = parent.name
    word = next((w for ending, w in _COUNTY_ENDINGS if name.endswith(ending)), name[-1:])
    return f"中共{name}委全面依法治{word}委员会办公室、{name}人民政府"


def addressee(report) -> str:
    return report.addressee or default_addressee(report.area)


def written_date(day: datetime.date) -> str:
    """成文日期 (GB/T 9704-2012 7.3.5.1): "用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位
    （即1不编为01）"."""
    return f"{day.year}年{day.month}月{day.day}日"


def parts(report) -> Parts:
    """The date is the day the report was finalised (成文日期 is the day the text took its final form); a draft,
    or a report export has not saved, shows "（草稿）" in its place so that no draft passes for a finished 公文."""
    finalised = getattr(report, "finalised_at", None)
    dated = written_date(timezone.localdate(finalised)) if finalised and report.is_frozen else _("（草稿）")
    return Parts(addressee=addressee(report), issuer=issuer(report.area), dated=dated)
