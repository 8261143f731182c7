"""Working-day arithmetic (工作日) over the CalendarDay table.

Mondays to Fridays are working days unless the table marks a holiday; weekends are rest days unless
the table marks a 调休 make-up workday. Every function reads the table once for the span it needs.
"""

import datetime

from fazhi.core.models import CalendarDay

ONE_DAY = datetime.timedelta(days=1)


def _overrides(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    rows = CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday")
    return dict(rows)


def _is_workday(day: datetime.date, overrides: dict[datetime.date, bool]) -> bool:
    return overrides.get(day, day.weekday() < 5)


def is_workday(day: datetime.date) -> bool:
    return _is_workday(day, _overrides(day, day))


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start`; the start day itself is not counted (docs/law.md T-01)."""
    if n < 0:
        raise ValueError("n must not be negative")
    # Longest holiday run in the PRC calendar is 8–9 days; 2n + 30 days always holds n working days.
    overrides = _overrides(start, start + datetime.timedelta(days=2 * n + 30))
    day, counted = start, 0
    while counted < n:
        day += ONE_DAY
        if _is_workday(day, overrides):
            counted += 1
    return day


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, else the first working day after it."""
    overrides = _overrides(day, day + datetime.timedelta(days=30))
    while not _is_workday(day, overrides):
        day += ONE_DAY
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days in (start, end]: how many working days have passed from start to end."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    days = (start + ONE_DAY * i for i in range(1, (end - start).days + 1))
    return sum(1 for d in days if _is_workday(d, overrides))


def add_period(start: datetime.date, n: int, unit: str) -> datetime.date:
    """Due date of an n-day period from `start` counted in `unit` ("working" or "natural").

    Natural days: the start day is not counted and a period ending on a rest day or holiday moves to
    the next working day (民事诉讼法(2023) 第八十五条 期间计算, applied by analogy — docs/law.md T-01).
    """
    if unit == "working":
        return add_working_days(start, n)
    return next_working_day(start + datetime.timedelta(days=n))


def rests_on_provisional(start: datetime.date, end: datetime.date) -> bool:
    """Whether a period counted over (start, end] crossed a holiday that awaits its year's notice (T-06)."""
    return CalendarDay.objects.filter(date__gt=start, date__lte=end, provisional=True).exists()
