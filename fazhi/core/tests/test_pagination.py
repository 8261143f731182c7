import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from fazhi.core.models import CalendarDay
from fazhi.core.pagination import BoundedPaginator, paginate

pytestmark = pytest.mark.django_db


@pytest.fixture
def days():
    start = datetime.date(2023, 1, 1)
    CalendarDay.objects.bulk_create(
        CalendarDay(date=start + datetime.timedelta(days=i), is_workday=False) for i in range(7)
    )
    return CalendarDay.objects.order_by("date")


def _pager(page) -> str:
    return render_to_string("components/pagination.html", {"page": page, "request": RequestFactory().get("/x/")})


def test_past_the_bound_the_pager_says_there_are_more_and_asks_for_a_filter(days, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "bound", 4)
    paginator = BoundedPaginator(days, 2)
    with CaptureQueriesContext(connection) as captured:
        assert (paginator.count, paginator.more, paginator.num_pages) == (4, True, 2)
    (count_sql,) = [q["sql"] for q in captured]
    assert "LIMIT 5" in count_sql and "ORDER BY" not in count_sql  # stops reading at the bound, sorts nothing
    last = paginator.get_page(99)
    assert last.number == 2 and [d.date.day for d in last] == [3, 4] and not last.has_next()
    html = _pager(paginator.get_page(1))
    assert "第 1 / 2+ 页" in html and "结果超过4条，只列出前4条，请用上面的条件缩小范围。" in html
    with translation.override("en"):
        assert "Page 1 of 2+" in _pager(paginator.get_page(1))


def test_within_the_bound_the_count_is_exact(days, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "bound", 7)
    paginator = BoundedPaginator(days, 2)
    assert (paginator.count, paginator.more, paginator.num_pages) == (7, False, 4)
    html = _pager(paginator.get_page(4))
    assert "第 4 / 4 页" in html and "more-than-bound" not in html


def test_a_first_page_that_holds_the_whole_list_is_not_counted_again(days):
    with CaptureQueriesContext(connection) as captured:
        page = paginate(days, 10, None)
    assert len(captured) == 1 and "COUNT" not in captured[0]["sql"]  # one read, no count
    assert [d.date.day for d in page] == [1, 2, 3, 4, 5, 6, 7]
    assert (page.number, page.paginator.count, page.has_next()) == (1, 7, False)
    empty = paginate(days.filter(is_workday=True), 10, "1")
    assert (list(empty), empty.paginator.count, empty.paginator.num_pages) == ([], 0, 1)


def test_a_first_page_with_more_behind_it_is_counted(days):
    with CaptureQueriesContext(connection) as captured:
        page = paginate(days, 3, "abc")  # not a number: page 1, as Paginator.get_page reads it
        assert (page.paginator.count, page.paginator.num_pages, page.has_next()) == (7, 3, True)
    assert len(captured) == 2 and "COUNT" in captured[1]["sql"]
    assert [d.date.day for d in page] == [1, 2, 3]
    last = paginate(days, 3, "99")  # past the end: the last page, as before
    assert (last.number, [d.date.day for d in last]) == (3, [7])
