import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.core.metrics import Period, refresh
from fazhi.documents import demo
from fazhi.documents.choices import DocumentStatus, FlagStatus
from fazhi.documents.models import CleanupCampaign, NormativeDocument, PrecheckFlag
from fazhi.documents.workbench import items

pytestmark = pytest.mark.django_db
Y2023 = Period.year(2023)


def value(key, area, period=Y2023):
    return refresh()[key].value(area=area, period=period)


def test_demo_is_idempotent_and_the_figures_count_its_records(world):
    demo.load({"township": world.township})
    demo.load({"township": world.township})
    assert NormativeDocument.objects.count() == 3 and CleanupCampaign.objects.count() == 1
    flagged = NormativeDocument.objects.get(title=demo.FLAGGED_TITLE)
    assert flagged.status == DocumentStatus.DRAFT
    assert set(flagged.flags.values_list("status", flat=True)) == {FlagStatus.CONFIRMED}
    t = world.township
    assert value("documents.reviewed", t) == 3
    assert value("documents.review_passed", t) == 2
    assert value("documents.review_returned", t) == 1
    assert value("documents.flags_upheld", t) == PrecheckFlag.objects.count() == 2
    assert value("documents.issued", t) == 2 and value("documents.filed", t) == 2
    metrics = refresh()
    assert list(metrics["documents.filed_on_time"].evidence(area=t, period=Y2023)) == [
        NormativeDocument.objects.get(title=demo.FILED_TITLE)
    ]
    assert list(metrics["documents.filings_overdue"].evidence(area=t, period=Y2023)) == [
        NormativeDocument.objects.get(title=demo.LATE_TITLE)
    ]
    assert value("documents.reviewed", world.foreign_county) == 0
    assert value("documents.reviewed", t, Period.year(2022)) == 0
    campaign = CleanupCampaign.objects.get()
    assert campaign.items.count() == 2


def test_workbench_warns_of_overdue_filing_and_coming_expiry_in_scope_only(world, staff):
    today = datetime.date.today()
    overdue = NormativeDocument.objects.create(
        area=world.township,
        title="逾期未备案文件",
        body="第一条。",
        status=DocumentStatus.ISSUED,
        issued_on=today - datetime.timedelta(days=40),
        filing_due=today - datetime.timedelta(days=25),
        valid_until=today + datetime.timedelta(days=1000),
    )
    expiring = NormativeDocument.objects.create(
        area=world.township,
        title="即将到期文件",
        body="第一条。",
        status=DocumentStatus.FILED,
        issued_on=today - datetime.timedelta(days=1800),
        valid_until=today + datetime.timedelta(days=30),
    )
    found = items(staff)
    assert [(i.title, i.overdue) for i in found] == [
        (f"规范性文件待报送备案：{overdue.title}", True),
        (f"规范性文件有效期即将届满，请评估是否延续：{expiring.title}", False),
    ]
    assert items(world.user(Role.GRID_MEMBER)) == []
    from fazhi.areas.testing import make_user

    assert items(make_user("u_other", role=Role.LEGAL_STAFF, area=world.other_township)) == []
