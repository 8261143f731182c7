"""The visit form picks its household by a search, never by listing every household of the grid."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.grid.models import Matter, Visit
from fazhi.grid.selectors import VISIT_HOUSEHOLD_LIMIT
from fazhi.people.models import Household
from fazhi.people.services import household_create, resident_create
from fazhi.people.tests.conftest import make_id

URL = "grid:visit_create"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def member(client, seeded, calendar):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    return seeded


def _many(area, n: int, prefix: str = "P") -> None:
    Household.objects.bulk_create(
        Household(area=area, number=f"{prefix}{i:04d}", head_name=f"户主{prefix}{i:04d}") for i in range(n)
    )


def _page_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_visit_form_renders_with_the_same_queries_and_no_households_however_large_the_grid(client, member):
    _many(member.grid, 3)
    client.get(reverse(URL))  # warm the per-process caches (session, dictionaries)
    few, _ = _page_queries(client, reverse(URL))
    _many(member.grid, 300, prefix="Q")
    many, page = _page_queries(client, reverse(URL))
    assert many == few
    assert "户主Q0000" not in page and "户主P0001" not in page and "Q0299" not in page
    assert 'name="household"' in page and 'name="household_q"' in page
    assert '<select name="household"' not in page


def test_a_household_preselected_by_its_pk_adds_one_query_and_shows_only_that_household(client, member):
    _many(member.grid, 300)
    chosen = Household.objects.get(number="P0150")
    client.get(reverse(URL))
    before, _ = _page_queries(client, reverse(URL))
    after, page = _page_queries(client, f"{reverse(URL)}?household={chosen.pk}")
    assert after == before + 1
    assert "户主P0150" in page and "户主P0149" not in page
    assert f'value="{chosen.pk}"' in page


def test_a_household_of_another_grid_is_not_preselected(client, member):
    other = household_create(actor=None, area=member.sibling_grid, number="S-001", head_name="邻格户主")
    page = client.get(f"{reverse(URL)}?household={other.pk}").content.decode()
    assert "邻格户主" not in page and f'value="{other.pk}"' not in page
    for junk in ("abc", "²", "99999999999999999999"):
        assert client.get(reverse(URL), {"household": junk}).status_code == 200


def test_the_search_partial_finds_households_by_number_and_by_head_name(client, member):
    household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    household_create(actor=None, area=member.grid, number="01-002", head_name="李四")
    by_number = client.get(reverse(URL), {"household_q": "01-002"}, **HTMX).content.decode()
    assert "李四" in by_number and "张三" not in by_number
    assert "<form" not in by_number and "<html" not in by_number  # the partial, not the page
    by_name = client.get(reverse(URL), {"household_q": "张"}, **HTMX).content.decode()
    assert "张三" in by_name and "李四" not in by_name
    none = client.get(reverse(URL), {"household_q": "王五"}, **HTMX).content.decode()
    assert "未找到匹配的户" in none


def test_the_search_finds_a_household_by_the_pinyin_initials_of_its_head(client, member):
    h = household_create(actor=None, area=member.grid, number="01-003", head_name="欧阳小明")
    resident_create(actor=None, household=h, name="欧阳小明", id_number=make_id())
    other = household_create(actor=None, area=member.grid, number="01-004", head_name="李四")
    resident_create(actor=None, household=other, name="欧阳小红", id_number=make_id(seq=124))  # a member, not the head
    page = client.get(reverse(URL), {"household_q": "oyxm"}, **HTMX).content.decode()
    assert "欧阳小明" in page and "李四" not in page
    assert "李四" not in client.get(reverse(URL), {"household_q": "oyxh"}, **HTMX).content.decode()


def test_the_search_never_shows_a_household_of_another_grid(client, member):
    household_create(actor=None, area=member.grid, number="01-001", head_name="张本格")
    household_create(actor=None, area=member.sibling_grid, number="02-001", head_name="张邻格")
    household_create(actor=None, area=member.foreign_grid, number="01-009", head_name="张外县")
    page = client.get(reverse(URL), {"household_q": "张"}, **HTMX).content.decode()
    assert "张本格" in page and "张邻格" not in page and "张外县" not in page
    assert "张邻格" not in client.get(reverse(URL), {"household_q": "02-001"}, **HTMX).content.decode()
    # A village cadre sees both grids of the village, still not the other county's.
    client.force_login(member.user(Role.VILLAGE_CADRE))
    page = client.get(reverse(URL), {"household_q": "张"}, **HTMX).content.decode()
    assert "张本格" in page and "张邻格" in page and "张外县" not in page


def test_the_search_returns_at_most_twenty_households_with_queries_independent_of_the_grid_size(client, member):
    def search(q: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse(URL), {"household_q": q}, **HTMX).content.decode()
        return len(captured), page

    _many(member.grid, 25)
    search("户主")  # warm the per-process caches
    few, _ = search("户主")
    _many(member.grid, 300, prefix="Q")
    many, page = search("户主")
    assert many == few
    assert page.count("data-household-pk=") == VISIT_HOUSEHOLD_LIMIT == 20
    assert "只显示前 20 户" in page
    exact = search("Q0299")[1]
    assert exact.count("data-household-pk=") == 1 and "户主Q0299" in exact


def test_without_javascript_the_search_reloads_the_whole_form_with_its_results(client, member):
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    page = client.get(reverse(URL), {"household_q": "张三"}).content.decode()
    assert "<form" in page and 'name="notes"' in page
    assert f'href="{reverse(URL)}?household={h.pk}"' in page


def test_posting_a_household_of_another_grid_is_refused_in_chinese_and_saves_nothing(client, member):
    other = household_create(actor=None, area=member.sibling_grid, number="02-001", head_name="邻格户主")
    data = {"household": other.pk, "visited_on": "2023-05-10", "notes": "走访", "idempotency_key": "x-1",
            "matter_category": "safety", "matter_description": "落石"}  # fmt: skip
    response = client.post(reverse(URL), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "所选的户不在您负责的网格内" in page
    assert "邻格户主" not in page
    assert Visit.objects.count() == 0 and Matter.objects.count() == 0
    for bad in ("", "abc", "999999", "99999999999999999999", "²"):
        response = client.post(reverse(URL), {**data, "household": bad})
        assert response.status_code == 200 and Visit.objects.count() == 0
    assert "请搜索并选择走访的户" in client.post(reverse(URL), {**data, "household": ""}).content.decode()


def test_a_form_error_keeps_the_chosen_household(client, member):
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    response = client.post(reverse(URL), {"household": h.pk, "visited_on": "", "notes": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "01-001 张三" in page and f'value="{h.pk}"' in page
    assert Visit.objects.count() == 0


def test_a_visit_with_a_searched_household_is_recorded(client, member):
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    data = {"household": h.pk, "household_label": "01-001 张三", "visited_on": datetime.date(2023, 5, 10),
            "notes": "入户", "idempotency_key": "draft-1"}  # fmt: skip
    assert client.post(reverse(URL), data).status_code == 302
    assert Visit.objects.get().household == h
