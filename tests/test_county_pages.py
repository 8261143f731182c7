"""A county's staff (司法局, 督察) work on the pages a township's staff use, over every township's records: each page
shows the whole county and makes no more queries than a township user's (no query per township)."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings

from fazhi.accounts.models import User
from fazhi.people.models import Resident
from tests.pages import open_counted

pytestmark = pytest.mark.django_db

PAGES = [
    "core:workbench",
    "people:resident_list",
    "people:household_list",
    "grid:matter_list",
    "grid:visit_list",
    "mediation:dispute_list",
    "petitions:petition_list",
    "disclosure:board_list",
    "enforcement:case_list",
    "training:session_list",
    "reports:report_list",
    "reports:metric_list",
]


def _open(username: str) -> dict[str, tuple[int, int, bool, object]]:
    """(status, queries, paged, page) of every page for the user."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    opened = {}
    for name in PAGES:
        response, queries, paged = open_counted(client, name)
        opened[name] = (response.status_code, queries, paged, response.context.get("page"))
    return opened


@pytest.fixture
def opened():
    with override_settings(FAZHI_REQUIRE_ADMIN_OTP=False):
        call_command("generate_area", townships=3, residents_per_township=60, years=1, seed=5, stdout=io.StringIO())
        cache.clear()
        yield _open("bench_legal_staff_1"), _open("bench_county_legal_staff_1")
    cache.clear()


def test_a_county_user_sees_every_township_with_no_query_per_township(opened):
    township, county = opened
    for name in PAGES:
        assert township[name][0] == county[name][0] == 200, name
        # A first page is counted only once the list overflows it (core.pagination): one query, whatever the scope.
        counted = int(county[name][2] and not township[name][2])
        assert county[name][1] == township[name][1] + counted, (name, township[name][1], county[name][1])
    residents = Resident.objects.count()
    assert township["people:resident_list"][3].paginator.count == residents // 3
    assert county["people:resident_list"][3].paginator.count == residents
