"""The report's suggested problems (存在的不足): each rule reads registered figures, fires where the problem is in
the data and not where it isn't."""

import datetime

import pytest

from fazhi.core.metrics import refresh
from fazhi.reports.suggestions import RULES, suggest

pytestmark = pytest.mark.django_db

D = datetime.date


def _fires(world, phrase: str, year: int = 2023) -> bool:
    return any(phrase in s for s in suggest(area=world.township, year=year))


def test_every_key_every_rule_names_is_a_registered_figure(db):
    """A rule whose figure is not registered is skipped without a word: none may be."""
    registered = refresh()
    missing = {key for rule in RULES for key in rule.keys if key not in registered}
    assert missing == set()


def test_too_few_law_lectures(world):
    from fazhi.training.models import Session

    def lecture(on):
        Session.objects.create(area=world.township, kind="law_lecture", held_on=on, topic="法治专题讲座")

    lecture(D(2023, 3, 1))
    lecture(D(2022, 3, 1))  # another year
    assert _fires(world, "法治专题讲座少于两期")
    lecture(D(2023, 9, 1))
    assert not _fires(world, "法治专题讲座少于两期")


ISSUED, VALID_UNTIL = D(2019, 1, 1), D(2030, 1, 1)


def _officer(world, name, *, issued=ISSUED, until=VALID_UNTIL, posts=""):
    from fazhi.enforcement.models import Officer

    return Officer.objects.create(
        area=world.township,
        name=name,
        certificate_no=name,
        certificate_issued_on=issued,
        certificate_valid_until=until,
        other_posts=posts,
    )


def test_officers_without_a_valid_certificate_at_the_years_end(world):
    _officer(world, "持证")
    _officer(world, "年末当天到期", until=D(2023, 12, 31))  # still valid on the year's last day
    assert not _fires(world, "未取得行政执法证件")
    expired = _officer(world, "年内到期", until=D(2023, 11, 30))
    assert _fires(world, "未取得行政执法证件")
    assert not _fires(world, "未取得行政执法证件", year=2022)  # valid at the end of 2022
    expired.delete()
    _officer(world, "次年发证", issued=D(2024, 2, 1))
    assert _fires(world, "未取得行政执法证件")  # not yet issued at the end of 2023


def test_officers_holding_several_posts(world):
    _officer(world, "专职")
    assert not _fires(world, "身兼数职")
    _officer(world, "兼职", posts="应急办\n安监员")
    assert _fires(world, "身兼数职")


def test_villages_without_publicity_activity_in_the_year(world):
    from fazhi.publicity.models import Activity

    # The world's township has one village, 新红村; the foreign county's village is not the township's concern.
    Activity.objects.create(area=world.foreign_grid, held_on=D(2023, 5, 1), title="普法", form="lecture")
    Activity.objects.create(area=world.township, held_on=D(2023, 5, 1), title="全乡普法", form="lecture")
    Activity.objects.create(area=world.village, held_on=D(2022, 5, 1), title="去年", form="lecture")
    assert _fires(world, "全年未开展普法活动")
    Activity.objects.create(area=world.grid, held_on=D(2023, 6, 1), title="网格普法", form="lecture")
    assert not _fires(world, "全年未开展普法活动")  # a grid's activity reaches its village
    assert _fires(world, "全年未开展普法活动", year=2022) is False  # 新红村 had one in 2022 too
    assert _fires(world, "全年未开展普法活动", year=2021)


def test_a_village_retired_before_the_year_is_not_counted(world):
    world.village.valid_to = D(2023, 1, 1)
    world.village.save(update_fields=["valid_to"])
    assert not _fires(world, "全年未开展普法活动")


def _dispute(world, number, *, received_on, due_date, closed_on=None, status="open"):
    from fazhi.mediation.models import Dispute

    return Dispute.objects.create(
        area=world.township,
        number=number,
        title="相邻通行纠纷",
        dispute_type="neighbour",
        source="walk_in",
        tier="general",
        status=status,
        received_on=received_on,
        due_date=due_date,
        closed_on=closed_on,
    )


def test_disputes_open_past_their_due_date_at_the_periods_end(world):
    # open at the year's end but not yet due then
    _dispute(
        world, "T1", received_on=D(2023, 12, 15), due_date=D(2024, 1, 14), closed_on=D(2024, 1, 10), status="resolved"
    )
    _dispute(
        world, "T2", received_on=D(2023, 3, 1), due_date=D(2023, 3, 31), closed_on=D(2023, 3, 20), status="resolved"
    )
    assert not _fires(world, "矛盾纠纷化解时效")
    # received the year before, still open and past due at the end of 2023, closed in 2024
    _dispute(
        world, "T3", received_on=D(2022, 11, 1), due_date=D(2022, 12, 1), closed_on=D(2024, 2, 1), status="resolved"
    )
    assert _fires(world, "矛盾纠纷化解时效")
    assert _fires(world, "矛盾纠纷化解时效", year=2022)
    assert not _fires(world, "矛盾纠纷化解时效", year=2024)  # closed by the end of 2024
