"""Every registered metric on the whole demo (whatever apps are installed): value–evidence agreement, and the
figures computed together (core.metrics.metric_values) equal Metric.value.

Every test of this module reads the demo, built once for the module (fazhi.core.testing.shared_records) and rolled
back after it; tests that need an empty database belong elsewhere (test_metric_values.py).
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.areas.models import Area
from fazhi.core import metrics as core_metrics
from fazhi.core.metrics import Period, metric_values, refresh
from fazhi.core.testing import shared_records
from fazhi.reports.models import Report

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("reports-demo")]

# Decided from the settings, before any fixture builds the demo.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's (core.metrics._figures_cursor)"
)


def _load_demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return Area.objects.get(code="500229215000")


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from shared_records(django_db_blocker, tmp_path_factory, _load_demo)


@pytest.fixture
def demo(_demo, db):
    return _demo


def _field(record, path):
    for part in path.split("__"):
        record = getattr(record, part)
    return record


def test_every_registered_metric_equals_its_evidence(demo):
    metrics = refresh()
    assert metrics, "no metric registered"
    period = Period.year(2023)
    for key, metric in metrics.items():
        records = list(metric.evidence(area=demo, period=period))
        expected = (
            sum((Decimal(_field(r, metric.sum_field) or 0) for r in records), Decimal(0))
            if metric.sum_field
            else len(records)
        )
        assert Decimal(metric.value(area=demo, period=period)) == expected, key


def test_the_demo_has_the_2023_report_draft_and_loading_twice_adds_nothing(demo):
    assert Report.objects.filter(area=demo, year=2023).count() == 1
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Report.objects.filter(area=demo, year=2023).count() == 1


def test_every_registered_metric_computed_together_equals_its_value_this_year_and_last(demo):
    metrics = refresh()
    requests = [(metric, Period.year(year)) for metric in metrics.values() for year in (2023, 2022)]
    with CaptureQueriesContext(connection) as queries:
        together = metric_values(area=demo, requests=requests)
    expected = [metric.value(area=demo, period=period) for metric, period in requests]
    for (metric, period), got, want in zip(requests, together, expected, strict=True):
        assert got == want, (metric.key, period.start.year, got, want)
        assert type(got) is type(want), (metric.key, type(got), type(want))
    assert any(want for want in expected), "the demo should have some non-zero figures"
    assert len(queries) <= -(-len(requests) // core_metrics.SUBQUERIES_PER_QUERY) + 1


@postgresql_only
def test_on_postgresql_the_figures_statements_are_prepared_and_answer_the_same_from_a_reused_plan(demo):
    metrics = refresh()
    requests = [(metric, Period.year(2023)) for metric in metrics.values()]
    expected = [metric.value(area=demo, period=period) for metric, period in requests]
    # PostgreSQL plans a prepared statement afresh five times, then may run it from one generic plan.
    for _ in range(7):
        assert metric_values(area=demo, requests=requests) == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        prepared = cursor.fetchall()
    assert prepared, "the figures statements should be prepared"
    assert all(statement.startswith("SELECT (SELECT") for statement, _runs in prepared), prepared
    assert max(runs for _statement, runs in prepared) >= 7


def _prepared_runs() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, generic_plans + custom_plans FROM pg_prepared_statements")
        return dict(cursor.fetchall())


@postgresql_only
def test_with_preparing_turned_off_the_figures_answer_the_same_and_nothing_is_prepared(demo):
    """FAZHI_DB_PREPARE=0 (for a transaction-mode PgBouncer older than 1.21) is psycopg's prepare_threshold=None."""
    metrics = refresh()
    requests = [(metric, Period.year(2023)) for metric in metrics.values()]
    expected = [metric.value(area=demo, period=period) for metric, period in requests]
    connection.ensure_connection()
    driver, threshold = connection.connection, connection.connection.prepare_threshold
    driver.prepare_threshold = None
    try:
        before = _prepared_runs()  # the test above may have prepared them on this connection: none may run again
        for _ in range(7):
            assert metric_values(area=demo, requests=requests) == expected
        assert _prepared_runs() == before
    finally:
        driver.prepare_threshold = threshold
