"""The statutory holidays of a year whose State Council holiday notice is not out yet (docs/law.md T-06).

The notice (国务院办公厅 部分节假日安排的通知) comes out late in the year before; until then, and beyond what the
chinese-calendar package knows, a working-day deadline would count Monday–Friday straight through 春节. The 放假办法
fixes which days are holidays, so those are pre-filled as provisional CalendarDay rows. What the notice adds on top
— 调休 make-up workdays, the days that bridge a holiday to a weekend, 补假 for a holiday on a weekend (第六条) —
cannot be foreseen and waits for the admin to enter it.
"""

import datetime

import chinese_calendar
from lunardate import LunarDate

ONE_DAY = datetime.timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> datetime.date:
    return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> datetime.date:
    # 清明 is a solar term, not a lunar date; chinese-calendar computes the 24 terms for 1900–2100.
    terms = chinese_calendar.get_solar_terms(datetime.date(year, 4, 1), datetime.date(year, 4, 10))
    return next(day for day, name in terms if name == "清明")


def statutory_holidays(year: int) -> list[tuple[datetime.date, str]]:
    """全体公民放假的节日 of `year`, day by day (《全国年节及纪念日放假办法》(2024 修订, 国务院令第795号,
    2025-01-01 施行) 第二条; docs/law.md T-06): 13 days."""
    new_year = _lunar(year, 1, 1)  # 正月初一
    days = [(datetime.date(year, 1, 1), "元旦")]
    days += [(new_year - ONE_DAY, "春节（除夕）")]  # 除夕 is the last day of the old year, 腊月廿九 or 三十
    days += [(new_year + ONE_DAY * i, "春节") for i in range(3)]  # 正月初一至初三
    days += [(_qingming(year), "清明节")]
    days += [(datetime.date(year, 5, 1), "劳动节"), (datetime.date(year, 5, 2), "劳动节")]
    days += [(_lunar(year, 5, 5), "端午节")]  # 农历五月初五
    days += [(_lunar(year, 8, 15), "中秋节")]  # 农历八月十五
    days += [(datetime.date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    return sorted(days)


def package_years() -> set[int]:
    """Years whose notice chinese-calendar carries."""
    return {day.year for day in chinese_calendar.holidays}
