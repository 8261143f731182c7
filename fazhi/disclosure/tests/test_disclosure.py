import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.accounts.roles import Role
from fazhi.disclosure.models import Board, BoardCategory, Frequency, Posting
from fazhi.disclosure.services import (
    board_create,
    board_is_overdue,
    period_end_before,
    posting_create,
    posting_due,
    posting_remove,
)
from fazhi.disclosure.workbench import items

pytestmark = pytest.mark.django_db
D = datetime.date


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
    )


def test_periods_and_due_dates():
    assert period_end_before(D(2023, 5, 20), Frequency.MONTHLY) == D(2023, 4, 30)
    assert period_end_before(D(2023, 5, 20), Frequency.QUARTERLY) == D(2023, 3, 31)
    assert period_end_before(D(2023, 5, 20), Frequency.AD_HOC) is None
    assert posting_due(D(2023, 3, 31)) == D(2023, 4, 15)  # CQ-V-05: 下季度第一个月15日前


def test_overdue_until_posted(board, cadre):
    assert not board_is_overdue(board, D(2023, 5, 15))
    assert board_is_overdue(board, D(2023, 5, 16))
    posting_create(actor=cadre, board=board, title="4月财务收支", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8))
    assert not board_is_overdue(board, D(2023, 5, 16))


def test_workbench_scoped(world, board, cadre):
    found = items(cadre)
    assert len(found) == 1 and "新红村财务公开栏逾期未公开" == found[0].title and found[0].overdue
    assert found[0].url == f"/disclosure/{board.pk}/"
    assert items(world.user(Role.MEDIATOR)) == []


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
    from fazhi.core.metrics import Period
    from fazhi.disclosure import demo, metrics

    ctx = {"township": world.township, "villages": [(world.village, [world.grid])]}
    demo.load(ctx)
    demo.load(ctx)
    # 治平乡: 党务(4) + 财务(4, quarterly) + 服务(2); 新红村: 党务(4) + 村务(4) + 财务(12) + 服务(2)
    assert Board.objects.count() == 7 and Posting.objects.count() == 32
    year = Period.year(2023)
    total = metrics.postings(area=world.township, period=year).count()
    on_time = metrics.postings_on_time(area=world.township, period=year).count()
    # Counted by posting date: the five Q4/December postings went up in January 2024.
    assert total == 27 and 0 < on_time < total
    assert metrics.postings(area=world.village, period=year, category=BoardCategory.FINANCE).count() == 11
    assert metrics.postings(area=world.foreign_county, period=year).count() == 0
    assert metrics.boards(area=world.township, period=Period.year(2099)).count() == 7
