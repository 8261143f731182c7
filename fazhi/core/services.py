import datetime

from django.db import transaction

from fazhi.core.models import CalendarDay


def calendar_day_set(*, actor, date: datetime.date, is_workday: bool, name: str) -> CalendarDay:
    """Mark a day as holiday or 调休 workday, for years the calendar package does not know yet."""
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first() or CalendarDay(date=date)
        day.is_workday, day.name, day.source = is_workday, name, CalendarDay.Source.MANUAL
        day.full_clean()
        day.save()
    return day


def calendar_day_clear(*, actor, date: datetime.date) -> None:
    """Return a day to the Monday–Friday default."""
    with transaction.atomic():
        CalendarDay.objects.filter(date=date).delete()
