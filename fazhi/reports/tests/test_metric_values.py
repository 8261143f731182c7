"""Figures computed together (core.metrics.metric_values) equal Metric.value, and the figures page stays small."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core import metrics as core_metrics
from fazhi.core.metrics import METRICS, Metric, Period, metric_values
from fazhi.reports import selectors
from fazhi.reports.tests.conftest import TEST_METRICS, _meetings

pytestmark = pytest.mark.django_db

# The signed-in layout's own queries, the area choices (form and select), the ledger's measures and the figure
# definitions' fingerprint (core.metrics.refresh) and one query for the section's figures (this year and last year
# of up to 20 figures: core.metrics.SUBQUERIES_PER_QUERY subqueries per query).
FIGURES_PAGE_QUERIES = 9


def test_fazhi_db_prepare_0_turns_preparing_off_on_the_primary_and_the_replica():
    probe = (
        "from config import settings as s; print(s.DATABASES['default']['OPTIONS'], s.DATABASES['replica']['OPTIONS'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DATABASE_"))}
    env.update(
        {
            "DATABASE_URL": "postgres://fazhi@127.0.0.1:5432/fazhi",  # read by settings only, never connected to
            "DATABASE_REPLICA_URL": "postgres://fazhi@127.0.0.1:5433/fazhi",
            "FAZHI_VAR_DIR": os.environ.get("FAZHI_VAR_DIR", "var"),
        }
    )
    answers = {}
    for value in ("1", "0"):
        done = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=settings.BASE_DIR,
            env={**env, "FAZHI_DB_PREPARE": value},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        answers[value] = done.stdout.strip().splitlines()[-1]
    assert answers["1"].count("'prepare_threshold': 0") == 2
    assert answers["0"].count("'prepare_threshold': None") == 2


def test_sums_and_distinct_and_ordered_records_are_computed_like_value(world, test_metrics, meeting):
    meeting(world.township, topic="一")
    meeting(world.township, topic="二")
    distinct = Metric(
        key="leadership.test_distinct",
        label="去重",
        unit="次",
        section="测试",
        records=lambda *, area, period: _meetings(area=area, period=period).distinct().order_by("-held_on"),
    )
    metrics = [*TEST_METRICS, distinct]
    period = Period.year(2023)
    together = metric_values(area=world.township, requests=[(m, period) for m in metrics])
    assert together == [m.value(area=world.township, period=period) for m in metrics]
    assert together[0] == 2


def test_a_figure_whose_sql_was_compiled_before_still_counts_the_records_added_since(world, test_metrics, meeting):
    period = Period.year(2023)
    assert metric_values(area=world.township, requests=[(TEST_METRICS[0], period)]) == [0]
    meeting(world.township, topic="新会")
    assert metric_values(area=world.township, requests=[(TEST_METRICS[0], period)]) == [1]


def test_figures_run_in_batches_of_a_bounded_size_and_a_repeated_statement_once(world, test_metrics, monkeypatch):
    monkeypatch.setattr(core_metrics, "SUBQUERIES_PER_QUERY", 2)
    period = Period.year(2023)
    requests = [(m, period) for m in TEST_METRICS] * 2  # 6 figures, 3 distinct statements
    with CaptureQueriesContext(connection) as queries:
        together = metric_values(area=world.township, requests=requests)
    assert len(queries) == 2
    sql = " ".join(q["sql"] for q in queries)
    assert sql.count("(SELECT COUNT(*) FROM (") + sql.count("(SELECT SUM(") == 3
    assert together == [m.value(area=world.township, period=p) for m, p in requests]


def test_an_empty_request_runs_no_query(world):
    with CaptureQueriesContext(connection) as queries:
        assert metric_values(area=world.township, requests=[]) == []
    assert not queries


def test_sections_follow_the_report_and_hold_every_figure_once(test_metrics):
    sections = selectors.metric_sections()
    keys = [key for section in sections for key in section.keys]
    assert sorted(keys) == sorted(METRICS)
    assert [s.number for s in sections] == list(range(1, len(sections) + 1))
    assert sections[-1].label == "测试"  # not a section of the default report: after those


def _page_queries(client, area, section):
    url = reverse("reports:metric_list")
    params = {"area": area.pk, "year": 2023, "section": section.number}
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_figures_page_runs_a_few_queries_whatever_the_records_and_section(world, client, test_metrics, meeting):
    client.force_login(world.user(Role.LEGAL_STAFF))
    sections = selectors.metric_sections()
    test_section = sections[-1]
    before, _page = _page_queries(client, world.township, test_section)
    for day in range(1, 21):
        meeting(world.township, on=datetime.date(2023, 3, day), topic=f"会{day}")
    after, page = _page_queries(client, world.township, test_section)
    assert before == after == FIGURES_PAGE_QUERIES
    assert f"?area={world.township.pk}&year=2023" in page and "测试会议" in page
    # Every section of the registry (at most 40 figures each, this year and last in one query per 20): the same.
    counts = {s.label: _page_queries(client, world.township, s)[0] for s in sections if len(s.keys) <= 20}
    assert set(counts.values()) == {FIGURES_PAGE_QUERIES}, counts


def test_the_figures_page_shows_one_section_and_falls_back_to_the_first(world, client, test_metrics):
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("reports:metric_list")
    last = selectors.metric_sections()[-1]
    page = client.get(url, {"area": world.township.pk, "year": 2023, "section": last.number}).content.decode()
    assert "leadership.test_meetings" in page
    first = client.get(url, {"area": world.township.pk, "year": 2023, "section": "x"}).content.decode()
    assert "leadership.test_meetings" not in first
