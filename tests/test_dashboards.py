"""Dashboards: a township's charts with their tables and links, a county's townships side by side, the empty state
for an area or year without records, and query counts that do not grow with the records."""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.models import Matter
from fazhi.grid.services import matter_create

YEAR = 2024


@pytest.fixture
def seeded(world):
    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    return world


def _matter(world, on: datetime.date, area=None):
    m = matter_create(actor=None, area=area or world.grid, category="safety", description="村道塌方", source="phone",
                      registered_on=on, happened_on=on)  # fmt: skip
    return m


def _chart_data(page: str, key: str) -> dict:
    found = re.search(rf'<script id="chart-data-{key}" type="application/json">(.*?)</script>', page, re.S)
    assert found, f"no data for chart {key}"
    return json.loads(found.group(1))


def test_a_township_dashboard_opens_on_its_latest_year_with_charts_tables_and_links(seeded, client):
    _matter(seeded, datetime.date(YEAR, 3, 5))
    _matter(seeded, datetime.date(YEAR, 3, 20))
    _matter(seeded, datetime.date(YEAR - 1, 7, 1))
    client.force_login(seeded.user(Role.LEADER))
    page = client.get(reverse("reports:township_dashboard")).content.decode()
    assert f"{seeded.township.name} {YEAR}" in page
    monthly = _chart_data(page, "monthly")
    matters = next(s for s in monthly["series"] if s["name"] == "群众说事")
    assert matters["data"][2] == 2 and sum(matters["data"]) == 2
    assert matters["links"][2].startswith(reverse("reports:metric_evidence", args=["grid.matters_raised"]))
    assert f"area={seeded.township.pk}" in matters["links"][2] and f"year={YEAR}" in matters["links"][2]
    villages = _chart_data(page, "villages")
    assert villages["categories"] == [seeded.village.name]
    assert next(s for s in villages["series"] if s["name"] == "群众说事")["data"] == [2]
    for key in ("compared", "monthly", "villages", "open"):
        assert f'data-testid="table-{key}"' in page
    assert 'src="/static/js/charts.js"' in page and "<script>" not in page


def test_a_year_outside_the_data_says_which_years_exist(seeded, client):
    _matter(seeded, datetime.date(YEAR, 3, 5))
    client.force_login(seeded.user(Role.LEADER))
    page = client.get(reverse("reports:township_dashboard"), {"area": seeded.township.pk, "year": 2019})
    text = page.content.decode()
    assert f"2019年没有记录。记录在{YEAR}年至{YEAR}年之间。" in text
    assert "data-chart=" not in text


def test_a_township_without_records_shows_the_empty_state_not_a_chart_of_zeros(seeded, client):
    _matter(seeded, datetime.date(YEAR, 3, 5))  # in 治平乡, not in the township shown
    client.force_login(seeded.user(Role.SUPERVISOR))
    page = client.get(reverse("reports:township_dashboard"), {"area": seeded.other_township.pk, "year": YEAR})
    text = page.content.decode()
    assert page.status_code == 200 and f"{seeded.other_township.name}还没有任何记录" in text
    assert "data-chart=" not in text


def test_the_county_dashboard_sets_townships_side_by_side(seeded, client):
    _matter(seeded, datetime.date(YEAR, 3, 5))
    Matter.objects.update(due_date=datetime.date(YEAR, 3, 10))  # long overdue, still open
    client.force_login(seeded.user(Role.SUPERVISOR))
    page = client.get(reverse("reports:county_dashboard")).content.decode()
    side = _chart_data(page, "townships")
    assert side["categories"] == [seeded.other_township.name, seeded.township.name]  # by division code
    assert next(s for s in side["series"] if s["name"] == "群众说事")["data"] == [0, 1]
    late = _chart_data(page, "timeliness")
    assert next(s for s in late["series"] if s["name"] == "群众说事")["data"] == [0, 1]


@pytest.mark.parametrize("url_name", ["reports:township_dashboard", "reports:county_dashboard"])
def test_dashboard_query_counts_do_not_grow_with_the_records(seeded, client, url_name):
    _matter(seeded, datetime.date(YEAR, 3, 5))
    client.force_login(seeded.user(Role.SUPERVISOR))
    area = seeded.township if url_name == "reports:township_dashboard" else seeded.county
    params = {"area": area.pk, "year": YEAR}
    client.get(reverse(url_name), params)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url_name), params)
    for month in range(1, 13):
        _matter(seeded, datetime.date(YEAR, month, 2), area=seeded.sibling_grid)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(url_name), params)
    assert len(many) == len(few)
