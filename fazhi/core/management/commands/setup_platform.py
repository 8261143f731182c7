import datetime

import chinese_calendar
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import deadline_rule_ensure, deadlines_recount
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.holidays import package_years, statutory_holidays
from fazhi.core.models import CalendarDay
from fazhi.core.registry import registry


def _recount_years(years) -> None:
    for year in sorted(years):
        deadlines_recount(
            first=datetime.date(year, 1, 1), last=datetime.date(year, 12, 31), on=timezone.localdate(), actor=None
        )


def seed_calendar() -> int:
    """Copy the State Council holiday schedule known to chinese-calendar into CalendarDay.

    Only days that differ from Monday–Friday are stored; rows an admin entered by hand win. Provisional rows of a
    year the package now knows give way to the notice itself, and open deadlines over that year are counted afresh.
    """
    stale = CalendarDay.objects.filter(provisional=True, date__year__in=package_years())
    noticed = {day.year for day in stale.values_list("date", flat=True)}
    stale.delete()
    manual = set(CalendarDay.objects.filter(source=CalendarDay.Source.MANUAL).values_list("date", flat=True))
    known = set(CalendarDay.objects.values_list("date", flat=True))
    rows = []
    for day, name in chinese_calendar.holidays.items():
        if day not in known and day not in manual:
            rows.append(
                CalendarDay(date=day, is_workday=False, name=str(name or "休息日"), source=CalendarDay.Source.PACKAGE)
            )
    for day, name in chinese_calendar.workdays.items():
        if day.weekday() >= 5 and day not in known and day not in manual:
            rows.append(
                CalendarDay(
                    date=day,
                    is_workday=True,
                    name=f"{name}调休上班" if name else "调休上班",
                    source=CalendarDay.Source.PACKAGE,
                )
            )
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)
    _recount_years(noticed)
    return len(rows)


def seed_provisional_calendar(*, through: int) -> int:
    """Pre-fill, as provisional, the statutory holidays of each year after chinese-calendar's last, up to `through`
    (fazhi/core/holidays.py; docs/law.md T-06), so a deadline running into it does not count 春节 as working days.

    A year that already has rows is left alone: it was seeded before, or the admin has begun entering its notice.
    """
    after = max(package_years())
    filled = {day.year for day in CalendarDay.objects.filter(date__year__gt=after).values_list("date", flat=True)}
    years = [year for year in range(after + 1, through + 1) if year not in filled]
    rows = [
        CalendarDay(date=day, is_workday=False, name=name, source=CalendarDay.Source.STATUTE, provisional=True)
        for year in years
        for day, name in statutory_holidays(year)
    ]
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)
    _recount_years(years)
    return len(rows)


class Command(BaseCommand):
    help = "Seed reference data every installation needs: working-day calendar, dictionaries, deadline rules."

    def handle(self, *args, **options):
        with transaction.atomic():
            days = seed_calendar()
            # The coming year too: working-day periods started late in a year run into the next (T-06).
            days += seed_provisional_calendar(through=timezone.localdate().year + 1)
            entries = dictionary_seed()
            for key, fields in registry.deadline_rules.items():
                deadline_rule_ensure(key=key, valid_from=datetime.date(2000, 1, 1), **fields)
        self.stdout.write(
            f"calendar days added: {days}; dictionary entries added: {entries}; "
            f"deadline rules: {len(registry.deadline_rules)}"
        )
