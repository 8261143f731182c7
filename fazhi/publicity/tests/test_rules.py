"""A 普法 plan follows the law and the five-year plan in force for its own year (docs/law.md PF-01, PF-02, PF-06)."""

import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.core.dated import DatedRule
from fazhi.publicity import services
from fazhi.publicity.models import Plan


def test_a_dated_rule_gives_the_version_in_force_on_the_day():
    rule = DatedRule([(datetime.date(2021, 1, 1), "a"), (datetime.date(2025, 11, 1), "b")])
    assert rule.in_force(on=datetime.date(2025, 10, 31)) == "a"
    assert rule.in_force(on=datetime.date(2025, 11, 1)) == "b"
    assert rule.in_force(on=datetime.date(2019, 1, 1)) == "a"
    with pytest.raises(ValueError):
        DatedRule([(datetime.date(2025, 1, 1), "b"), (datetime.date(2021, 1, 1), "a")])


def test_a_2024_plan_says_bawu_and_cites_the_2017_opinion(world):
    plan = services.plan_create(actor=world.user(Role.LEGAL_STAFF), area=world.township, year=2024, title="计划")
    assert plan.programme == "八五普法规划（2021—2025年）"
    assert "谁执法谁普法" in plan.basis and "法治宣传教育法" not in plan.basis


def test_a_2026_plan_says_jiuwu_and_cites_the_law(world):
    plan = services.plan_create(actor=world.user(Role.LEGAL_STAFF), area=world.township, year=2026, title="计划")
    assert plan.programme == "九五普法规划（2026—2030年）"
    assert plan.basis.startswith("《中华人民共和国法治宣传教育法》") and "九五" in plan.basis


def test_a_plan_saved_without_a_programme_shows_the_plan_of_its_year(world):
    plan = Plan.objects.create(area=world.township, year=2027, title="计划")
    assert plan.programme == "" and plan.programme_name == "九五普法规划（2026—2030年）"
