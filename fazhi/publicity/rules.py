"""What 普法 work rests on, year by year: the five-year plan in force, and the basis of the 普法责任制."""

import datetime

from fazhi.core.dated import DatedRule

D = datetime.date

# The five-year plan a year belongs to (docs/law.md PF-02, PF-06). The 九五 plan was issued on 2026-07-27 but covers
# 2026–2030, so a 2026 plan belongs to it from the year's first day.
PROGRAMME: DatedRule[str] = DatedRule(
    [
        (D(2021, 1, 1), "八五普法规划（2021—2025年）"),
        (D(2026, 1, 1), "九五普法规划（2026—2030年）"),
    ]
)

# Where the 普法责任制 ("谁执法谁普法") is meant: a party-and-state opinion until statute took it over on
# 2025-11-01 (docs/law.md PF-07, PF-01).
DUTY_BASIS: DatedRule[str] = DatedRule(
    [
        (D(2017, 5, 1), "中办、国办《关于实行国家机关“谁执法谁普法”普法责任制的意见》"),  # issued 2017-05
        (D(2025, 11, 1), "《中华人民共和国法治宣传教育法》"),
    ]
)


def programme_for(year: int) -> str:
    return PROGRAMME.in_force_for_year(year)


def basis_for(year: int) -> str:
    """What a year's 普法 plan cites: the law on the plan's first day where one was in force, and its five-year plan.

    A year's plan is drawn up at its start, so a 2025 plan still rests on the opinion; from 2026 on, on the law."""
    return f"{DUTY_BASIS.in_force_for_year(year)}；{programme_for(year)}"
