import datetime

import pytest
from django.core.management import call_command

from fazhi.core.workdays import add_period, add_working_days, is_workday, next_working_day, working_days_between

D = datetime.date


@pytest.fixture
def calendar(db):
    call_command("setup_platform", stdout=open("/dev/null", "w"))


def test_plain_week_skips_the_weekend(calendar):
    # Thursday 2023-03-02 + 2 working days → Monday 2023-03-06.
    assert add_working_days(D(2023, 3, 2), 2) == D(2023, 3, 6)


def test_start_day_is_not_counted(calendar):
    assert add_working_days(D(2023, 3, 6), 1) == D(2023, 3, 7)
    assert add_working_days(D(2023, 3, 6), 0) == D(2023, 3, 6)


def test_national_day_holiday_week_is_skipped(calendar):
    # 2023: 9-29 to 10-6 off; Saturday 10-7 and Sunday 10-8 are 调休 working days.
    assert add_working_days(D(2023, 9, 28), 1) == D(2023, 10, 7)
    assert add_working_days(D(2023, 9, 28), 3) == D(2023, 10, 9)


def test_adjusted_saturday_is_a_working_day(calendar):
    assert is_workday(D(2023, 10, 7))  # Saturday, 调休上班
    assert not is_workday(D(2023, 10, 2))  # Monday, 国庆节
    assert not is_workday(D(2023, 10, 14))  # an ordinary Saturday


def test_spring_festival_2024(calendar):
    # 2024-02-10..17 off; Sunday 02-04 and Sunday 02-18 are working days.
    assert add_working_days(D(2024, 2, 8), 1) == D(2024, 2, 9)
    assert add_working_days(D(2024, 2, 9), 1) == D(2024, 2, 18)


def test_natural_day_period_ending_on_a_holiday_moves_to_next_working_day(calendar):
    # 30 natural days from 2023-09-01 end on 10-01 (国庆节) → next working day 10-07 (调休 Saturday).
    assert add_period(D(2023, 9, 1), 30, "natural") == D(2023, 10, 7)
    assert add_period(D(2023, 3, 1), 5, "natural") == D(2023, 3, 6)  # 03-06 is a Monday


def test_working_days_between_counts_the_end_not_the_start(calendar):
    assert working_days_between(D(2023, 3, 6), D(2023, 3, 10)) == 4
    assert working_days_between(D(2023, 3, 10), D(2023, 3, 6)) == 0
    assert working_days_between(D(2023, 9, 28), D(2023, 10, 9)) == 3


def test_next_working_day_is_the_day_itself_when_working(calendar):
    assert next_working_day(D(2023, 3, 6)) == D(2023, 3, 6)
    assert next_working_day(D(2023, 10, 1)) == D(2023, 10, 7)


def test_admin_entered_holiday_changes_the_count(calendar):
    from fazhi.core.services import calendar_day_set

    monday = D(2031, 3, 3)
    assert add_working_days(D(2031, 2, 28), 1) == monday
    calendar_day_set(actor=None, date=monday, is_workday=False, name="地方节日")
    assert add_working_days(D(2031, 2, 28), 1) == D(2031, 3, 4)


def test_negative_period_is_refused(calendar):
    with pytest.raises(ValueError):
        add_working_days(D(2023, 3, 6), -1)
