import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.core.metrics import Period, refresh
from fazhi.disclosure.models import Board, BoardCategory, Frequency, Posting
from fazhi.disclosure.selectors import board_list
from fazhi.disclosure.services import (
    board_create,
    board_is_overdue,
    board_next_due,
    period_end_before,
    posting_create,
    posting_due,
    posting_remove,
    posting_update,
)
from fazhi.disclosure.workbench import LIMIT, items

pytestmark = pytest.mark.django_db
D = datetime.date
SINCE = D(2023, 1, 1)  # the boards here stand from the start of the year the tests look at


@pytest.fixture
def cadre(world):
    return world.user(Role.VILLAGE_CADRE)


@pytest.fixture
def board(world, cadre):
    return board_create(
        actor=cadre,
        area=world.village,
        category=BoardCategory.FINANCE,
        frequency=Frequency.MONTHLY,
        location="村委会门口",
        established_on=SINCE,
    )


def test_periods_and_due_dates(world, board):
    assert period_end_before(D(2023, 5, 20), Frequency.MONTHLY) == D(2023, 4, 30)
    assert period_end_before(D(2023, 5, 20), Frequency.QUARTERLY) == D(2023, 3, 31)
    assert period_end_before(D(2023, 5, 20), Frequency.AD_HOC) is None
    assert posting_due(board=board, period_end=D(2023, 3, 31)) == D(2023, 4, 15)  # CQ-V-05: 次月15日前


def test_township_ad_hoc_items_are_due_in_twenty_working_days_village_ones_in_ten_days(world):
    township = board_create(
        actor=None, area=world.township, category=BoardCategory.SERVICE, frequency=Frequency.AD_HOC, location="x"
    )
    village = board_create(
        actor=None, area=world.village, category=BoardCategory.SERVICE, frequency=Frequency.AD_HOC, location="x"
    )
    # 政府信息公开条例 第二十六条 (GOV-02): 20 working days after Mon 2023-04-03 (the test calendar has no holidays)
    assert posting_due(board=township, period_end=D(2023, 4, 3)) == D(2023, 5, 1)
    # 重庆实施办法 第三十条 (CQ-V-05): 10 natural days; Sat 2023-04-15 moves to Mon 2023-04-17 (T-01)
    assert posting_due(board=village, period_end=D(2023, 4, 5)) == D(2023, 4, 17)


def test_overdue_until_posted_however_old_the_missing_period(board, cadre):
    posting_create(actor=cadre, board=board, title="3月财务收支", period_end=D(2023, 3, 31), posted_on=D(2023, 4, 8))
    assert not board_is_overdue(board, D(2023, 5, 15))  # April is due on the 15th, inclusive
    assert board_is_overdue(board, D(2023, 5, 16))
    # Still overdue in early June although May's posting is not due yet: April was never posted.
    assert board_is_overdue(board, D(2023, 6, 3))
    assert board_next_due(board) == D(2023, 5, 15)
    posting_create(actor=cadre, board=board, title="4月财务收支", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8))
    assert not board_is_overdue(board, D(2023, 6, 3))
    assert board_next_due(board) == D(2023, 6, 15)


def test_a_board_with_no_posting_is_overdue_from_the_first_to_the_fifteenth_too(board):
    assert board_is_overdue(board, D(2023, 5, 3))


def test_workbench_scoped(world, board, cadre):
    found = items(cadre)
    assert len(found) == 1 and "新红村财务公开栏逾期未公开" == found[0].title and found[0].overdue
    assert found[0].url == f"/disclosure/{board.pk}/"
    assert items(world.user(Role.MEDIATOR)) == []


def test_the_workbench_shows_the_longest_overdue_boards_and_counts_the_rest(world, board, cadre):
    posting_create(actor=cadre, board=board, title="3月财务收支", period_end=D(2023, 3, 31), posted_on=D(2023, 4, 8))
    for n in range(6):
        village = make_area(world.township, Level.VILLAGE, f"第{n}村", f"50022921530{n}")
        for category in BoardCategory.values:
            board_create(  # up since 2024, owing from its first quarter
                actor=None, area=village, category=category, frequency="quarterly", location="x",
                established_on=D(2024, 1, 1),
            )  # fmt: skip
    staff = world.user(Role.LEGAL_STAFF)
    items(staff)  # the user's posts, read once a request, are in hand
    with CaptureQueriesContext(connection) as captured:
        found = items(staff)
    assert len(captured) == 1  # the boards shown and the count of the rest in one query
    assert len(found) == LIMIT + 1 and all(item.overdue for item in found)
    # 新红村 has posted nothing since March 2023: its April posting, due 2023-05-15, is the oldest debt.
    assert (found[0].title, found[0].due) == ("新红村财务公开栏逾期未公开", D(2023, 5, 15))
    assert [item.due for item in found[:LIMIT]] == sorted(item.due for item in found[:LIMIT])
    assert found[-1].title == "另有5个公开栏逾期未公开" and found[-1].url == "/disclosure/"


def test_the_boards_figure_counts_a_board_from_the_day_it_went_up_not_the_day_it_was_entered(world, cadre):
    standing = board_create(
        actor=cadre, area=world.village, category=BoardCategory.PARTY, frequency="quarterly", location="x",
        established_on=D(2023, 3, 1),
    )  # fmt: skip
    board_create(
        actor=cadre, area=world.village, category=BoardCategory.VILLAGE, frequency="quarterly", location="x",
        established_on=D(2024, 2, 1),
    )  # fmt: skip
    metrics = refresh()
    assert list(metrics["disclosure.boards"].records(area=world.township, period=Period.year(2023))) == [standing]
    assert metrics["disclosure.boards"].value(area=world.township, period=Period.year(2024)) == 2


def test_a_board_owes_the_periods_from_the_one_it_went_up_in(world, cadre):
    board = board_create(
        actor=cadre, area=world.village, category=BoardCategory.PARTY, frequency="quarterly", location="x",
        established_on=D(2023, 5, 10),
    )  # fmt: skip
    # Q1 2023 was due on 2023-04-15, before the board stood: not owed. Its own quarter is due on 2023-07-15.
    assert not board_is_overdue(board, D(2023, 6, 1)) and board_next_due(board) == D(2023, 7, 15)
    assert not board_is_overdue(board, D(2023, 7, 15))
    assert board_is_overdue(board, D(2023, 7, 16)) and board_next_due(board) == D(2023, 7, 15)
    today = timezone.localdate()
    new = board_create(actor=cadre, area=world.village, category="village", frequency="monthly", location="x")
    assert new.established_on == today and not board_is_overdue(new, today) and board_next_due(new) > today


def _stored_and_live(board: Board) -> tuple:
    fresh = Board.objects.get(pk=board.pk)  # a bare board: board_next_due asks the postings themselves
    return fresh.next_due_on, board_next_due(fresh)


def test_the_stored_next_due_date_follows_the_rule_through_every_write(world, board, cadre):
    assert _stored_and_live(board) == (D(2023, 2, 15), D(2023, 2, 15))  # January owed first
    march = posting_create(actor=cadre, board=board, title="3月", period_end=D(2023, 3, 31), posted_on=D(2023, 4, 8))
    assert _stored_and_live(board) == (D(2023, 5, 15), D(2023, 5, 15)) == (board.next_due_on,) * 2
    posting_create(actor=cadre, board=board, title="1月", period_end=D(2023, 1, 31), posted_on=D(2023, 4, 9))
    assert _stored_and_live(board) == (D(2023, 5, 15), D(2023, 5, 15))  # an older period changes nothing
    posting_update(actor=cadre, posting=march, title="6月", period_end=D(2023, 6, 30), posted_on=D(2023, 7, 3))
    assert _stored_and_live(board) == (D(2023, 8, 15), D(2023, 8, 15))
    ad_hoc = board_create(actor=cadre, area=world.village, category="service", frequency="ad_hoc", location="x")
    assert _stored_and_live(ad_hoc) == (None, None)
    late = board_create(
        actor=cadre, area=world.village, category="party", frequency="quarterly", location="x",
        established_on=D(2023, 5, 10),
    )  # fmt: skip
    assert _stored_and_live(late) == (D(2023, 7, 15), D(2023, 7, 15))
    # What the lists show comes from the stored date; what a board's page shows, from the rule: the same.
    listed = {b.pk: (b.next_due, b.overdue) for b in board_list(user=cadre, on=D(2023, 8, 16))}
    assert listed[board.pk] == (D(2023, 8, 15), True) and listed[late.pk] == (D(2023, 7, 15), True)
    assert listed[ad_hoc.pk] == (None, False)


def test_the_migration_fills_the_stored_due_date_from_the_postings(world, board, cadre):
    posting_create(actor=cadre, board=board, title="3月", period_end=D(2023, 3, 31), posted_on=D(2023, 4, 8))
    Board.objects.update(next_due_on=None)
    migration = importlib.import_module("fazhi.disclosure.migrations.0004_board_next_due")
    migration.from_postings(django_apps, None)
    assert _stored_and_live(board) == (D(2023, 5, 15), D(2023, 5, 15))


def test_a_board_cannot_be_set_up_in_the_future(world, cadre):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        board_create(
            actor=cadre, area=world.village, category=BoardCategory.PARTY, frequency="quarterly", location="x",
            established_on=tomorrow,
        )  # fmt: skip
    assert exc.value.message_dict == {"established_on": ["设立日期不能晚于今天。"]}
    assert not Board.objects.exists()


def test_refuses_duplicate_board(world, board, cadre):
    with pytest.raises(ValidationError, match="已设有此类公开栏"):
        board_create(actor=cadre, area=world.village, category=BoardCategory.FINANCE, frequency="monthly", location="x")
    assert Board.objects.count() == 1


def test_refuses_removal_before_ten_days(board, cadre):
    p = posting_create(
        actor=cadre, board=board, title="4月财务收支", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8)
    )
    with pytest.raises(ValidationError, match="公开时间不少于10日，最早可于2023-05-18撤下"):
        posting_remove(actor=cadre, posting=p, on=D(2023, 5, 12))
    p.refresh_from_db()
    assert p.removed_on is None
    assert posting_remove(actor=cadre, posting=p, on=D(2023, 5, 18)).removed_on == D(2023, 5, 18)


def test_refuses_posting_before_period_end(board, cadre):
    with pytest.raises(ValidationError, match="不能早于所属期间截止日"):
        posting_create(actor=cadre, board=board, title="4月", period_end=D(2023, 4, 30), posted_on=D(2023, 4, 20))
    assert not Posting.objects.exists()


def test_foreign_or_readonly_user_cannot_post(world, board):
    with pytest.raises(PermissionDenied):
        posting_create(
            actor=world.user(Role.SUPERVISOR),
            board=board,
            title="4月",
            period_end=D(2023, 4, 30),
            posted_on=D(2023, 5, 8),
        )
    assert not Posting.objects.exists()


def test_demo_idempotent_and_metrics(world):
    from fazhi.disclosure import demo

    linhe = make_area(world.township, Level.VILLAGE, "临河村", "500229215205")
    ctx = {"township": world.township, "villages": [(world.village, [world.grid]), (linhe, [])]}
    demo.load(ctx)
    count = Posting.objects.count()
    demo.load(ctx)
    assert Posting.objects.count() == count
    assert Board.objects.count() == 11
    year = Period.year(2023)
    metrics = refresh()

    def value(key, area, period=year):
        return metrics[key].value(area=area, period=period)

    total = value("disclosure.postings", world.village)
    on_time = value("disclosure.postings_on_time", world.village)
    # 新红村 2023 by posting date: 党务 3 + 村务 3 + 财务 11 + 服务 2 (Q4/December went up in January 2024)
    assert total == 19 and 0 < on_time < total
    assert value(f"disclosure.postings.{BoardCategory.FINANCE.value}", world.village) == 11
    assert value("disclosure.postings", world.foreign_county) == 0
    assert value("disclosure.boards", world.township, Period.year(2099)) == 11
    # the demo's boards stood in 2023, whenever the demo was loaded (they were counted from loading day)
    assert value("disclosure.boards", world.township) == 11
    # Today: every board is up to date except 临河村's periodic ones, left overdue on purpose.
    today = timezone.localdate()
    overdue = [(b.area.name, b.category) for b in board_list(user=world.user(Role.SUPERVISOR), on=today) if b.overdue]
    assert sorted(overdue) == sorted(("临河村", c) for c in ("party", "village", "finance"))
    assert all(
        p.posted_on <= today and p.posted_on <= p.due_on + datetime.timedelta(days=5) for p in Posting.objects.all()
    )
