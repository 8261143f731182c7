"""Value–evidence agreement for every registered metric, on the demo data (whatever apps are installed)."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from fazhi.areas.models import Area
from fazhi.core.metrics import METRICS, Period
from fazhi.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return Area.objects.get(code="500229215000")


def _field(record, path):
    for part in path.split("__"):
        record = getattr(record, part)
    return record


def test_every_registered_metric_equals_its_evidence(demo):
    assert METRICS, "no metric registered"
    period = Period.year(2023)
    for key, metric in METRICS.items():
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
