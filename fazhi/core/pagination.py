"""Pagination for lists that may hold a whole county: the count stops at a bound.

Counting every row in scope cost a county user more than the rest of the page (250,000 residents: 118 ms on
PostgreSQL, and a city holds twenty times as many). Past the bound the pager says there are more, and the user narrows
the list with its filters; nobody pages through 20,000 records.

A first page is read before it is counted: a search or filter that fits on one page (the usual case) needs no count.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

BOUND = 20_000


class BoundedPaginator(Paginator):
    bound = BOUND

    @cached_property
    def _counted(self) -> int:
        # No ORDER BY: the database stops reading at the bound instead of sorting the whole scope first.
        return self.object_list.order_by()[: self.bound + 1].count()

    @property
    def count(self) -> int:
        return min(self._counted, self.bound)

    @property
    def more(self) -> bool:
        """More rows than the bound: the last reachable page is not the last row."""
        return self._counted > self.bound


def paginate(queryset, per_page: int, number):
    """The requested page of `queryset` (the last page for a number past the end, as Paginator.get_page)."""
    paginator = BoundedPaginator(queryset, per_page)
    if not _is_first(number):
        return paginator.get_page(number)
    head = list(queryset[: per_page + 1])
    if len(head) <= per_page:
        paginator._counted = len(head)  # the whole list is in hand: counting it again would read it twice
    page = paginator.page(1)
    page.object_list = head[:per_page]
    return page


def _is_first(number) -> bool:
    """Page 1, as Paginator.get_page reads it: a missing or non-integer number is page 1 too."""
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True
