"""A township other than the demo gets a first draft written from its own records, in its own words."""

import datetime
import re

import pytest

from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.core.dictionaries import dictionary_seed
from fazhi.leadership.services import meeting_create, plan_create, task_add
from fazhi.publicity.services import MaterialInput, activity_create
from fazhi.reports import services
from fazhi.reports.rendering import compose, missing_contents
from fazhi.training.services import session_create

YEAR = 2025
SEED_NAMES = ("治平", "孝善", "小米书记", "桃林", "驻村第一书记")


def _year_of_work(township):
    """A year of varied records entered through the services, as the pages would; no report text typed."""
    dictionary_seed()
    village = make_area(township, Level.VILLAGE, f"{township.name}一村", township.code[:9] + "201")
    make_area(village, Level.GRID, f"{village.name}第1网格", grid_number=1)
    for month in (3, 6, 9):
        session_create(
            actor=None, area=township, kind="center_group", held_on=datetime.date(YEAR, month, 8), topic="学习宪法"
        )
        activity_create(
            actor=None,
            area=village,
            held_on=datetime.date(YEAR, month, 12),
            title=f"{month}月普法宣传",
            form="courtyard",
            participants=40 + month,
            materials=[MaterialInput(kind="other", quantity=1200, unit="份")],
        )
    meeting_create(
        actor=None, area=township, kind="party_committee", held_on=datetime.date(YEAR, 2, 1), topic="研究法治工作"
    )
    plan = plan_create(actor=None, area=township, year=YEAR + 1)
    task_add(
        actor=None,
        plan=plan,
        title="完善村规民约合法性审查",
        owner="负责人",
        unit="党政办",
        deadline=datetime.date(YEAR + 1, 6, 30),
    )


@pytest.mark.parametrize(
    ("name", "code", "words", "wrong"),
    [
        ("明月镇", "500229106000", ("全镇", "镇党委"), ("全乡", "乡党委", "我乡", "街道")),
        ("葛城街道", "500229001000", ("全街道", "街道党工委"), ("全乡", "乡党委", "全镇", "镇党委")),
    ],
)
def test_a_new_townships_draft_speaks_of_its_own_records_in_its_own_words(world, name, code, words, wrong):
    township = make_area(world.county, Level.TOWNSHIP, name, code)
    _year_of_work(township)
    report = services.report_create(actor=None, area=township, year=YEAR)
    composed = compose(report)
    text = composed.text

    for seed_name in SEED_NAMES:
        assert seed_name not in text
    for word in words:
        assert word in text
    for word in wrong:
        assert word not in text, word
    assert missing_contents(report.sections.all()) == []
    assert "完善村规民约合法性审查" in text  # next year's work plan
    assert name in composed.title and ("办事处" in composed.title) == name.endswith("街道")

    # Every number is a chip traced to records, none of them a zero; the plain text holds only years and markers.
    chips = [s for b in composed.blocks for s in [*b.lead, *b.segments] if s.key]
    assert chips and all(not s.missing for s in chips)
    assert all(composed.figures[s.key].value for s in chips)
    assert {"training.study_sessions", "publicity.activities", "leadership.meetings"} <= {s.key for s in chips}
    plain = "".join(s.text for b in composed.blocks for s in [*b.lead, *b.segments] if not s.key)
    assert set(re.findall(r"\d+", plain)) <= {str(YEAR), str(YEAR + 1)}


def test_next_years_draft_starts_from_this_years_text_with_its_figures_refreshed(world):
    township = make_area(world.county, Level.TOWNSHIP, "明月镇", "500229106000")
    _year_of_work(township)
    this_year = services.report_create(actor=None, area=township, year=YEAR)
    own = this_year.sections.filter(content_kind="other").get()
    services.section_update(
        actor=None, section=own, heading=own.heading, body="本镇自己写的一段话。", version=own.version
    )
    activity_create(actor=None, area=township, held_on=datetime.date(YEAR + 1, 4, 1), title="次年活动", form="lecture")

    next_year = services.report_create(actor=None, area=township, year=YEAR + 1, start="previous")
    text = compose(next_year).text
    assert "本镇自己写的一段话。" in text
    figures = compose(next_year).figures
    assert figures["publicity.activities"].value == 1  # this year's one activity, not last year's three
