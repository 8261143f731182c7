"""Opening a page the way the query-count tests measure it."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

PAGER = 'aria-label="分页"'  # components/pagination.html shows the pager only past one page


def open_counted(client: Client, name: str):
    """(response, queries, paged) of the page named `name`, opened once before to fill per-process caches
    (dictionaries, navigation), so the count is the page's own."""
    url = reverse(name)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries), PAGER in response.content.decode()
