"""A year without the State Council's holiday notice: the 放假办法's holidays pre-filled as provisional (T-06)."""

import datetime

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core import deadlines, services
from fazhi.core.holidays import package_years, statutory_holidays
from fazhi.core.management.commands.setup_platform import seed_calendar, seed_provisional_calendar
from fazhi.core.models import CalendarDay, DayUnit, DeadlineEvent

D = datetime.date
# A year chinese-calendar does not carry (it stops at 2026); these tests must move on when a newer package does.
AHEAD = max(package_years()) + 1


@pytest.fixture
def calendar_ahead(db):
    seed_calendar()
    seed_provisional_calendar(through=AHEAD)
    deadlines.deadline_rule_ensure(
        key="test.thirty", label="办结", days=30, unit=DayUnit.WORKING, source="测试依据", certainty="V"
    )


def test_statutory_holidays_of_2027_follow_the_lunar_calendar_and_the_solar_term():
    days = dict(statutory_holidays(2027))
    assert len(days) == 13  # 放假办法(2024) 第二条: 元旦1、春节4、清明1、劳动节2、端午1、中秋1、国庆3
    assert days[D(2027, 1, 1)] == "元旦"
    assert [d for d, name in days.items() if name.startswith("春节")] == [
        D(2027, 2, 5),
        *(D(2027, 2, x) for x in (6, 7, 8)),
    ]
    assert days[D(2027, 4, 5)] == "清明节"
    assert days[D(2027, 6, 9)] == "端午节" and days[D(2027, 9, 15)] == "中秋节"


@pytest.mark.parametrize("year", sorted(y for y in package_years() if y >= 2025))
def test_the_computed_holidays_are_holidays_in_every_notice_the_package_carries(year):
    import chinese_calendar

    assert all(chinese_calendar.is_holiday(day) for day, _name in statutory_holidays(year))


def test_seeding_fills_the_year_ahead_once_and_leaves_a_year_the_admin_has_begun(calendar_ahead):
    rows = CalendarDay.objects.filter(date__year=AHEAD)
    assert rows.count() == 13 and all(r.provisional and not r.is_workday for r in rows)
    assert seed_provisional_calendar(through=AHEAD + 1) == 13  # only the next year is new
    CalendarDay.objects.filter(date__year=AHEAD + 1).delete()
    services.calendar_day_set(actor=None, date=D(AHEAD + 1, 3, 1), is_workday=False, name="通知")
    assert seed_provisional_calendar(through=AHEAD + 1) == 0


@pytest.mark.skipif(AHEAD != 2027, reason="dates below are 2027's")
def test_a_deadline_into_2027_skips_its_holidays_is_provisional_and_moves_when_the_notice_is_entered(
    calendar_ahead, world
):
    subject = world.grid
    deadline = deadlines.deadline_start(subject=subject, rule_key="test.thirty", start=D(2026, 12, 28), actor=None)
    # Monday–Friday alone would end on 2027-02-08; 元旦 and 除夕、初三 (the weekdays of 春节) push it three days.
    assert deadline.due_date == D(2027, 2, 11)
    assert deadline.provisional

    # The notice: 春节 runs to 2027-02-11 (初六), with a 调休 workday on Sunday 2027-02-14.
    for day in (9, 10, 11):
        services.calendar_day_set(actor=None, date=D(2027, 2, day), is_workday=False, name="春节")
    services.calendar_day_set(actor=None, date=D(2027, 2, 14), is_workday=True, name="春节调休上班")
    deadline.refresh_from_db()
    assert deadline.due_date == D(2027, 2, 15)  # 2-12 is the 28th working day, 2-14 (调休) the 29th, 2-15 the 30th
    assert deadline.rule.version == 1
    assert deadline.events.filter(kind=DeadlineEvent.Kind.RECOUNT).exists()
    assert deadline.provisional  # 元旦 and 2-5…2-8 are still the 办法's days until the admin confirms the year

    assert services.calendar_year_confirm(actor=None, year=2027) == 13
    deadline.refresh_from_db()
    assert not deadline.provisional
    assert not CalendarDay.objects.filter(provisional=True, date__year=2027).exists()


@pytest.mark.skipif(AHEAD != 2027, reason="dates below are 2027's")
def test_a_recount_replays_suspension_and_extension(calendar_ahead, world):
    deadline = deadlines.deadline_start(subject=world.grid, rule_key="test.thirty", start=D(2026, 12, 28), actor=None)
    deadlines.deadline_suspend(deadline=deadline, on=D(2027, 1, 4), reason="鉴定", actor=None)
    deadline = deadlines.deadline_resume(deadline=deadline, on=D(2027, 1, 8), actor=None)  # 4 working days paused
    deadline = deadlines.deadline_extend(deadline=deadline, days=5, reason="复杂", on=D(2027, 1, 20), actor=None)
    before = deadline.due_date
    services.calendar_day_clear(actor=None, date=D(2027, 2, 8))  # 初三 turns out a working day after all
    deadline.refresh_from_db()
    assert deadline.due_date == before - datetime.timedelta(days=1)


def test_a_finished_deadline_is_not_recounted(calendar_ahead, world):
    deadline = deadlines.deadline_start(subject=world.grid, rule_key="test.thirty", start=D(2026, 12, 28), actor=None)
    deadlines.deadline_complete(deadline=deadline, on=D(2027, 1, 5), actor=None)
    due = deadline.due_date
    services.calendar_day_set(actor=None, date=D(AHEAD, 1, 4), is_workday=False, name="测试")
    deadline.refresh_from_db()
    assert deadline.due_date == due


def test_the_calendar_page_marks_provisional_days_and_the_admin_confirms_the_year(calendar_ahead, client, world):
    client.force_login(world.user(Role.SYS_ADMIN))
    page = client.get(reverse("core:calendar_list"), {"year": AHEAD})
    assert b'data-testid="calendar-provisional"' in page.content
    client.post(reverse("core:calendar_year_confirm", args=[AHEAD]))
    assert not CalendarDay.objects.filter(provisional=True, date__year=AHEAD).exists()


def test_the_deadline_component_marks_a_provisional_due_date(calendar_ahead, world):
    from django.template.loader import render_to_string
    from django.utils import translation

    deadline = deadlines.deadline_start(subject=world.grid, rule_key="test.thirty", start=D(2026, 12, 28), actor=None)
    context = {"deadline": deadline, "today": D(2026, 12, 28)}
    assert 'data-testid="deadline-provisional"' in render_to_string("components/deadline.html", context)
    with translation.override("en"):
        assert "Provisional" in render_to_string("components/deadline.html", context)
    deadline.provisional = False
    assert "deadline-provisional" not in render_to_string("components/deadline.html", context)
