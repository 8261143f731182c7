import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.disclosure.models import BoardCategory, Frequency, Posting
from fazhi.disclosure.services import board_create, posting_due

URL = "/api/v1/disclosure/postings/"


@pytest.fixture
def village(world):
    return make_area(world.other_township, Level.VILLAGE, "东安村", "500229104201")


@pytest.fixture
def cadre(village):
    return staff_at(village, role=Role.VILLAGE_CADRE, username="dongan_cadre")


def _board(area):
    return board_create(actor=None, area=area, category=BoardCategory.FINANCE, frequency=Frequency.MONTHLY,
                        location="村委会门口", established_on=datetime.date(2026, 1, 1))  # fmt: skip


def _posting(board, **overrides):
    return {"board": board.pk, "title": "3月村务收支", "period_end": "2026-03-31", "posted_on": "2026-04-05",
            **overrides}  # fmt: skip


def test_a_posting_is_recorded_with_the_due_date_the_board_sets(client, village, cadre):
    board = _board(village)
    response = post_as(client, cadre, URL, _posting(board, due_on="2030-01-01"))
    assert response.status_code == 201, response.content
    posting = Posting.objects.get(pk=response.json()["id"])
    assert posting.due_on == posting_due(board=board, period_end=datetime.date(2026, 3, 31))
    assert response.json()["due_on"] == posting.due_on.isoformat() and audited_creation(posting, cadre)


def test_postings_refuse_another_role_another_village_and_bad_input(client, world, village, cadre):
    board = _board(village)
    assert post_as(client, world.user(Role.ENFORCER), URL, _posting(board)).status_code == 403
    assert_field_errors_in_chinese(post_as(client, cadre, URL, _posting(_board(world.village))), {"board"})
    assert_field_errors_in_chinese(post_as(client, cadre, URL, _posting(board, period_end="2026-03-15")),
                                   {"period_end"})  # fmt: skip
    missing = post_as(client, cadre, URL, {"board": board.pk})
    assert_field_errors_in_chinese(missing, {"title", "period_end", "posted_on"})
    assert not Posting.objects.exists()
