import datetime

import pytest

from fazhi.areas.models import Area, Level, subtree_q
from fazhi.core.metrics import METRICS, Metric
from fazhi.leadership import services as leadership_services
from fazhi.leadership.choices import MeetingKind
from fazhi.leadership.models import Meeting


def _meetings(*, area, period):
    return Meeting.objects.filter(subtree_q(area.path), held_on__gte=period.start, held_on__lte=period.end)


def _grids(*, area, period):
    return Area.objects.filter(subtree_q(area.path, "path"), level=Level.GRID)


TEST_METRICS = [
    Metric(key="leadership.test_meetings", label="测试会议", unit="次", section="测试", records=_meetings),
    Metric(key="areas.test_grids", label="测试网格", unit="个", section="测试", records=_grids),
    Metric(
        key="areas.test_grid_numbers",
        label="网格编号之和",
        unit="",
        section="测试",
        records=_grids,
        sum_field="grid_number",
    ),
]


@pytest.fixture
def test_metrics(monkeypatch):
    """Test-only figures over this app's own records and the area tree (no other app needed)."""
    for metric in TEST_METRICS:
        monkeypatch.setitem(METRICS, metric.key, metric)
    return {m.key: m for m in TEST_METRICS}


@pytest.fixture
def meeting():
    def make(area, on=datetime.date(2023, 5, 1), topic="学法"):
        return leadership_services.meeting_create(
            actor=None, area=area, kind=MeetingKind.THEMATIC, held_on=on, topic=topic
        )

    return make
