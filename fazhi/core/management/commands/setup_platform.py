import datetime

import chinese_calendar
from django.core.management.base import BaseCommand
from django.db import transaction

from fazhi.core.deadlines import deadline_rule_ensure
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.models import CalendarDay
from fazhi.core.registry import registry


def seed_calendar() -> int:
    """Copy the State Council holiday schedule known to chinese-calendar into CalendarDay.

    Only days that differ from Monday–Friday are stored; rows an admin entered by hand win.
    """
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
    return len(rows)


class Command(BaseCommand):
    help = "Seed reference data every installation needs: working-day calendar, dictionaries, deadline rules."

    def handle(self, *args, **options):
        with transaction.atomic():
            days = seed_calendar()
            entries = dictionary_seed()
            for key, fields in registry.deadline_rules.items():
                deadline_rule_ensure(key=key, valid_from=datetime.date(2000, 1, 1), **fields)
        self.stdout.write(
            f"calendar days added: {days}; dictionary entries added: {entries}; "
            f"deadline rules: {len(registry.deadline_rules)}"
        )
