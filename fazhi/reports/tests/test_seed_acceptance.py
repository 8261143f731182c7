"""Acceptance with the real report (issue 7, item 6): the demo's 治平乡 2023 report states every figure of the
seed report (治平乡 2023 年度法治政府建设报告), each linked to exactly the records it counts,
and its outline is the seed's.

A metric that is not registered fails the test.
"""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.areas.models import Area
from fazhi.core.metrics import Period, refresh
from fazhi.core.testing import shared_records
from fazhi.reports.models import Report
from fazhi.reports.rendering import compose

# Keeps every test of the module on the test database, even when the module runs alone; one xdist worker builds the
# demo for the whole module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("reports-seed")]

# metric key, the seed's words around the figure
SEED_FIGURES = [
    ("training.study_sessions", "进行集中学习12次"),
    ("publicity.campaign_events", "开展习近平法治思想集中宣传活动3场次"),
    ("publicity.video_posts", "视频号推送相关信息10期"),
    ("publicity.activities", "开展普法宣传活动10余次"),
    ("publicity.materials_civil_code", "《中华人民共和国民法典》手册100余本"),
    ("publicity.materials_other", "其他各种宣传资料700余份"),
    ("grid.grids", "在辖区划分综治网格11个"),
    ("publicity.lectures", "身边人讲身边事等活动10余场次"),
    ("publicity.series_episodes", "小米书记话振兴短视频69期"),
    ("mediation.general_disputes_resolved", "累计化解一般矛盾纠纷103件"),
    ("mediation.key_group_disputes_resolved", "重点群体矛盾纠纷2件"),
    ("petitions.key_petitioners_settled", "1名信访重点人员息访息诉"),
]

SEED_OUTLINE = [
    "一、2023年工作开展情况",
    "（一）加强组织领导，明确责任落实",
    "（二）加强能力培训，提升法治素质",
    "（三）注重全民守法，强化普法宣传",
    "（四）聚焦基层治理，助力平安建设",
    "（五）完善制度体系，提升依法行政水平",
    "二、工作中存在的问题",
    "三、2024年主要思路和工作打算",
]


def _demo_report():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    township = Area.objects.get(code="500229215000")
    report = Report.objects.get(area=township, year=2023)
    composed = compose(report)
    metrics = refresh()
    evidence = {
        key: [r.pk for r in metrics[key].evidence(area=township, period=Period.year(2023))]
        for key, _words in SEED_FIGURES
    }
    return report, composed, evidence


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker, tmp_path_factory):
    # Built once for the module and rolled back after it (no flush: later tests find the migrated rows as they were).
    yield from shared_records(django_db_blocker, tmp_path_factory, _demo_report)


def test_the_generated_report_has_the_seed_outline(demo_report):
    _report, composed, _evidence = demo_report
    assert composed.outline == SEED_OUTLINE


@pytest.mark.parametrize(
    ("key", "words"),
    [pytest.param(key, words, id=key) for key, words in SEED_FIGURES],
)
def test_the_generated_report_states_the_seed_figure(demo_report, key, words, client, db):
    report, composed, evidence = demo_report
    assert words in composed.text
    # The figure is a link, and the page it opens lists exactly the records the figure counts.
    assert any(seg.key == key for block in composed.blocks for seg in block.segments)
    client.force_login(User.objects.get(username="leader"))
    url = reverse("reports:report_figure", args=[report.pk, key])
    listed: list[int] = []
    for page in range(1, 100):
        html = client.get(url, {"page": page}).content.decode()
        listed += [int(pk) for pk in re.findall(r'data-pk="(\d+)"', html)]
        if "下一页" not in html:
            break
    assert sorted(listed) == sorted(evidence[key])
    metric = refresh()[key]
    records = list(metric.evidence(area=report.area, period=Period.year(2023)))
    expected = sum(Decimal(_field(r, metric.sum_field) or 0) for r in records) if metric.sum_field else len(records)
    assert Decimal(composed.figures[key].value) == expected


def _field(record, path):
    for part in path.split("__"):
        record = getattr(record, part)
    return record
