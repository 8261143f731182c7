"""The first draft of a report, written from the area's own records.

The outline is the five contents that 《法治政府建设与责任落实督察工作规定》第二十五条 requires (docs/law.md AR-05).
Each part opens with a neutral sentence and then states, one clause per figure, every figure that has data for the
year, through the figure's own phrase (its definition's 报告表述) and as a chip — a placeholder the report fills from
the records and links to them. A figure without records is left out of the text: the report page lists it for the
author to decide, so the draft never states a zero as an achievement. Words follow the place (乡/镇/街道), and no
name appears that the area's own records do not hold.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from fazhi.areas.models import Level
from fazhi.areas.words import place_words
from fazhi.core.metrics import Period, metric_values, refresh
from fazhi.leadership.selectors import plan_task_titles
from fazhi.reports.choices import ContentKind, SectionLevel
from fazhi.reports.selectors import figure_rank, metric_sections
from fazhi.reports.suggestions import suggest

P, H1, H2 = SectionLevel.PARAGRAPH, SectionLevel.HEADING1, SectionLevel.HEADING2
VALUE_SLOT = "{值}"


@dataclass(frozen=True)
class Stated:
    key: str
    section: str
    clause: str  # with the figure's placeholder


def _clause(metric) -> str:
    return metric.phrase.replace(VALUE_SLOT, "{" + metric.key + "}", 1)


def _stateable(metric) -> bool:
    return VALUE_SLOT in (getattr(metric, "phrase", "") or "")


@dataclass(frozen=True)
class Aside:
    """What the draft left for the author: figures with data but no phrase, and figures without data."""

    with_data: list
    without_data: list


def figures_with_data(*, area, year: int, exclude: set[str] = frozenset()) -> tuple[list[Stated], Aside]:
    """The figures of the area (every area's, its county's, its own) that have a phrase and a value this year, in
    registry order; and beside them the rest. A breakdown states its parts through its base figure."""
    registry = refresh()
    mine = [m for m in registry.values() if m.applies_to(area) and not getattr(m, "breakdown", ())]
    values = metric_values(area=area, requests=[(m, Period.year(year)) for m in mine])
    stated, with_data, without_data = [], [], []
    for metric, value in zip(mine, values, strict=True):
        if metric.key in exclude:
            continue
        if not value:  # None (undefined) and 0 are never stated as an achievement
            without_data.append(metric)
        elif _stateable(metric):
            stated.append(Stated(metric.key, str(metric.section), _clause(metric)))
        else:
            with_data.append((metric, value))
    return stated, Aside(with_data, without_data)


def first_draft(*, area, year: int) -> list[tuple[int, str, str, str]]:
    """(level, heading, body, content kind) rows of a first draft for `area` and `year`.

    A report is a Chinese document whatever language its author's pages are in: the figures' section names and
    the suggested problems are read in Chinese."""
    with translation.override(settings.LANGUAGE_CODE):
        return _first_draft(area=area, year=year)


def _first_draft(*, area, year: int) -> list[tuple[int, str, str, str]]:
    words = place_words(area)
    stated, _aside = figures_with_data(area=area, year=year)
    leadership = [s for s in stated if s.key.startswith("leadership.")]
    order = {section.label: section.number for section in metric_sections()}
    by_section: dict[str, list[Stated]] = {}
    for item in sorted(stated, key=lambda s: (order.get(s.section, len(order) + 1), figure_rank(s.key))):
        if item not in leadership:
            by_section.setdefault(item.section or "其他工作", []).append(item)

    rows: list[tuple[int, str, str, str]] = [
        (
            P,
            "",
            (
                "%(year)s年，%(party)s、%(government)s坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平"
                "法治思想，依法履行职能，推进法治政府建设。现将%(year)s年法治政府建设情况报告如下："
            )
            % {"year": year, "party": words.party, "government": words.government},
            "",
        ),
        (H1, "%(year)s年推进法治政府建设的主要举措和成效" % {"year": year}, "", ContentKind.MEASURES),
    ]
    for section, items in by_section.items():
        body = "%(year)s年，%(whole)s" % {"year": year, "whole": words.whole} + "；".join(i.clause for i in items)
        rows.append((H2, section, body + "。", ContentKind.MEASURES))
    if not by_section:
        rows.append((P, "", "【本年度尚无可统计的工作记录，请先登记工作记录或在此填写】", ContentKind.MEASURES))
    if area.level == Level.COUNTY:
        # A county reports its townships side by side (reports.county_table), the table on a line of its own.
        body = "%(year)s年各乡镇（街道）法治建设主要指标如下：\n{township_table}" % {"year": year}
        rows.append((H2, "各乡镇（街道）法治建设主要指标", body, ContentKind.MEASURES))

    duty = "%(party)s、%(government)s主要负责人履行推进法治建设第一责任人职责" % {
        "party": words.party,
        "government": words.government,
    }
    if leadership:
        duty += "，" + "；".join(s.clause for s in leadership)
    rows.append((H1, "党政主要负责人履行推进法治建设第一责任人职责情况", duty + "。", ContentKind.FIRST_RESPONSIBLE))

    problems = suggest(area=area, year=year)
    shortcomings = (
        "%(whole)s法治政府建设工作取得了一定成效，但仍存在一些不足：" % {"whole": words.whole}
        + "".join("{是}" + p for p in problems)
        if problems
        else "【请根据本年度工作实际填写存在的不足和原因】"
    )
    rows.append((H1, "存在的不足和原因", shortcomings, ContentKind.SHORTCOMINGS))

    tasks = plan_task_titles(area=area, year=year + 1)
    plan = (
        "%(year)s年，%(whole)s将重点做好以下工作：" % {"year": year + 1, "whole": words.whole}
        + "".join("{是}" + t.rstrip("。") + "。" for t in tasks)
        if tasks
        else "【请根据%(year)s年工作计划填写下一年度的工作安排】" % {"year": year + 1}
    )
    rows.append((H1, "%(year)s年工作安排" % {"year": year + 1}, plan, ContentKind.NEXT_YEAR))
    rows.append((H1, "其他需要报告的情况", "无其他需要报告的情况。", ContentKind.OTHER))
    rows.append((P, "", "特此报告。", ""))
    return rows


def draft_aside(*, report, keys: set[str]) -> Aside:
    """Beside a draft: the area's figures its text does not state, those with data first."""
    stated, aside = figures_with_data(area=report.area, year=report.year, exclude=keys)
    registry = refresh()
    offered = [(registry[s.key], None) for s in stated] + aside.with_data
    return Aside(offered, aside.without_data)
