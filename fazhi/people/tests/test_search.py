"""Residents found by typing in a form's search box (issue 23): by name, pinyin, initials or the tails the masks
show, only in the searcher's scope, at most a page of them, each with what tells namesakes apart."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.people.selectors import RESIDENT_SEARCH_LIMIT
from fazhi.people.services import resident_create
from fazhi.people.validation import id_check_char


def _id(first17: str) -> str:
    return first17 + id_check_char(first17)


@pytest.fixture
def namesakes(world):
    """Two 冉华 in the home grid and the sibling grid, told apart by sex, age and 身份证 tail."""
    here = resident_create(
        actor=None, area=world.grid, name="冉华", sex="male", id_number=_id("50022919800101123"), phone="13800001234"
    )
    there = resident_create(
        actor=None, area=world.sibling_grid, name="冉华", sex="female", id_number=_id("50022919920202456")
    )
    return here, there


def _search(client, q: str, field: str = "applicant_resident") -> str:
    response = client.get(reverse("people:resident_search"), {f"{field}_search": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("q", ["冉华", "rh", "RH", "ranhua", "1234"])
def test_a_resident_is_found_by_name_initials_full_pinyin_or_phone_tail(world, client, namesakes, q):
    client.force_login(world.user(Role.GRID_ADMIN))
    html = _search(client, q)
    assert f'data-pick="{namesakes[0].pk}"' in html


def test_namesakes_are_told_apart_by_grid_sex_age_and_id_tail(world, client, namesakes):
    client.force_login(world.user(Role.GRID_ADMIN))
    html = _search(client, "冉华")
    here, there = namesakes
    age = timezone.localdate().year - 1980
    assert f"新红村第1网格 · 男 · {age}岁 · 身份证尾号 {here.id_number_masked[-2:]}" in html
    assert "新红村第2网格 · 女" in html
    # the tail is what the mask shows: searching by it finds the one resident
    tail = there.id_number_masked[-2:]
    assert f'data-pick="{there.pk}"' in _search(client, tail)


def test_a_grid_worker_never_finds_another_grid_s_residents(world, client, namesakes):
    client.force_login(world.user(Role.GRID_MEMBER))
    for q in ("冉华", "rh", "ranhua"):
        html = _search(client, q)
        assert f'data-pick="{namesakes[0].pk}"' in html
        assert f'data-pick="{namesakes[1].pk}"' not in html


def test_a_user_of_another_township_finds_none_of_them(world, client, namesakes):
    township = make_area(world.county, Level.TOWNSHIP, "岚天乡", "500229210000")
    client.force_login(make_user("lantian_grid_admin", role=Role.GRID_ADMIN, area=township))
    assert "data-pick" not in _search(client, "冉华")
    assert "未找到匹配的人员。" in _search(client, "冉华")


def test_a_search_answers_at_most_a_page_and_says_there_are_more(world, client, django_assert_max_num_queries):
    for n in range(RESIDENT_SEARCH_LIMIT + 5):
        resident_create(actor=None, area=world.grid, name=f"张{chr(0x4E00 + n)}")
    client.force_login(world.user(Role.GRID_ADMIN))
    with django_assert_max_num_queries(8):
        html = _search(client, "z")
    assert html.count("data-pick=") == RESIDENT_SEARCH_LIMIT
    assert "请输入更多文字缩小范围" in html
