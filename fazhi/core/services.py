import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import deadlines_recount
from fazhi.core.models import CalendarDay


def calendar_day_set(*, actor, date: datetime.date, is_workday: bool, name: str) -> CalendarDay:
    """Mark a day as holiday or 调休 workday, for years the calendar package does not know yet.

    A day entered by hand is the notice's word, no longer provisional; open deadlines over it are counted afresh.
    """
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first() or CalendarDay(date=date)
        day.is_workday, day.name, day.source = is_workday, name, CalendarDay.Source.MANUAL
        day.provisional = False
        day.full_clean()
        day.save()
        deadlines_recount(first=date, last=date, on=timezone.localdate(), actor=actor)
    return day


def calendar_day_clear(*, actor, date: datetime.date) -> None:
    """Return a day to the Monday–Friday default."""
    with transaction.atomic():
        CalendarDay.objects.filter(date=date).delete()
        deadlines_recount(first=date, last=date, on=timezone.localdate(), actor=actor)


def calendar_year_confirm(*, actor, year: int) -> int:
    """The year's holiday notice has been entered: its remaining provisional days (those the notice kept as the
    放假办法 fixes them) stand confirmed, and due dates counted over them are no longer provisional."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    with transaction.atomic():
        confirmed = CalendarDay.objects.filter(date__range=(first, last), provisional=True).update(
            provisional=False, source=CalendarDay.Source.MANUAL
        )
        deadlines_recount(first=first, last=last, on=timezone.localdate(), actor=actor)
    return confirmed
