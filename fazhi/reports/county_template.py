"""A county's template for its townships' reports: written as one outline, read back as report sections, and
turned into one township's starting text.

The county writes the outline in the editor's words: a line "一、…" is a first-level heading, "（一）…" a
second-level one, every other line body text of the heading above it; figures are 【名称】 chips and the words that
depend on the place are 【全乡镇】【我乡镇】【乡镇党委】【乡镇政府】, stored as {全}{我}{党委}{政府} and written in each
township's own words (areas.words.place_words) — a 镇 reads 全镇 and 镇党委, never the county's 全县.
"""

import re

from fazhi.areas.words import place_words
from fazhi.core.metrics import refresh
from fazhi.reports.choices import ContentKind, SectionLevel
from fazhi.reports.editor import Names, to_display, to_stored
from fazhi.reports.figures import FIGURE_RE, heading_marker, keys_in, live_figures

P, H1, H2 = SectionLevel.PARAGRAPH, SectionLevel.HEADING1, SectionLevel.HEADING2
# Place words as the county writes them, and their slots (PlaceWords.replace_in).
PLACE_SLOTS = {"全乡镇": "{全}", "我乡镇": "{我}", "乡镇党委": "{党委}", "乡镇政府": "{政府}"}
H1_RE = re.compile(r"^[一二三四五六七八九十]+、")
H2_RE = re.compile(r"^（[一二三四五六七八九十]+）")
# Which of the five contents (督察工作规定 第二十五条, docs/law.md AR-05) a first-level heading covers, by its words;
# the first match wins, so "第一责任人职责" is not read as a measure.
KIND_WORDS = (
    (ContentKind.FIRST_RESPONSIBLE, ("第一责任人",)),
    (ContentKind.SHORTCOMINGS, ("不足", "问题")),
    (ContentKind.NEXT_YEAR, ("安排", "打算", "{next_year}")),
    (ContentKind.OTHER, ("其他",)),
    (ContentKind.MEASURES, ("举措", "成效", "工作开展", "{year}")),
)


def kind_of(heading: str) -> str:
    return next((kind for kind, words in KIND_WORDS if any(w in heading for w in words)), "")


def to_outline(rows, names: Names) -> str:
    """Stored rows as the one text the county edits."""
    lines, n1, n2 = [], 0, 0
    for level, heading, body, _kind in rows:
        if level == H1:
            n1, n2 = n1 + 1, 0
            lines.append(heading_marker(1, n1) + _show(heading, names))
        elif level == H2:
            n2 += 1
            lines.append(heading_marker(2, n2) + _show(heading, names))
        if body:
            lines.append(_show(body, names))
    return "\n".join(lines)


def _show(text: str, names: Names) -> str:
    text = to_display(text, names)
    for word, slot in PLACE_SLOTS.items():
        text = text.replace(slot, f"【{word}】")
    return text


def parse_outline(text: str, names: Names) -> list[tuple[int, str, str, str]]:
    """The outline as (level, heading, body, content kind) rows: each heading takes the lines under it as its body;
    lines before the first heading, and after the last content, are paragraphs of their own."""
    for word, slot in PLACE_SLOTS.items():
        text = (text or "").replace(f"【{word}】", slot)
    rows: list[list] = []
    kind = ""
    for raw in to_stored(text, names).split("\n"):
        line = raw.strip()
        if not line:
            continue
        if H1_RE.match(line):
            heading = H1_RE.sub("", line, count=1).strip()
            kind = kind_of(heading)
            rows.append([H1, heading, "", kind])
        elif H2_RE.match(line):
            rows.append([H2, H2_RE.sub("", line, count=1).strip(), "", kind])
        elif line.startswith("特此报告"):
            rows.append([P, "", line, ""])
        elif rows and rows[-1][0] != P and not rows[-1][2]:
            rows[-1][2] = line
        elif rows and rows[-1][0] != P:
            rows[-1][2] += "\n" + line
        else:
            rows.append([P, "", line, kind if rows else ""])
    return [tuple(row) for row in rows]


def default_rows(*, county, assessed: list[str]) -> list[tuple[int, str, str, str]]:
    """A starting outline for a county with no template yet: the five contents, neutral openings in the
    townships' words, and the county's assessed figures stated through their phrases, grouped by report part."""
    registry = refresh()
    by_section: dict[str, list[str]] = {}
    for key in assessed:
        metric = registry.get(key)
        if metric is not None and "{值}" in (getattr(metric, "phrase", "") or ""):
            clause = metric.phrase.replace("{值}", "{" + key + "}", 1)
            by_section.setdefault(str(metric.section) or "其他工作", []).append(clause)
    # The county as its townships name it: 县委、县政府 (区委、区政府 for a 区).
    county_words = place_words(county)
    opening = (
        "{year}年，{党委}、{政府}在%(party)s、%(government)s的坚强领导下，深入学习贯彻习近平法治思想，推进法治政府建设。"
        "现将{year}年法治政府建设情况报告如下："
    ) % {"party": county_words.party, "government": county_words.government}
    rows = [
        (P, "", opening, ""),
        (H1, "{year}年推进法治政府建设的主要举措和成效", "", ContentKind.MEASURES),
    ]
    for section, clauses in by_section.items():
        rows.append((H2, section, "{year}年，{全}" + "；".join(clauses) + "。", ContentKind.MEASURES))
    if not by_section:
        rows.append((P, "", "【请写明本年度的主要举措和成效】", ContentKind.MEASURES))
    rows += [
        (
            H1,
            "党政主要负责人履行推进法治建设第一责任人职责情况",
            "{党委}、{政府}主要负责人履行推进法治建设第一责任人职责，【请写明履职情况】。",
            ContentKind.FIRST_RESPONSIBLE,
        ),
        (H1, "存在的不足和原因", "【请根据本年度工作实际填写存在的不足和原因】", ContentKind.SHORTCOMINGS),
        (H1, "{next_year}年工作安排", "{next_year}年，{全}将重点做好以下工作：【请填写】", ContentKind.NEXT_YEAR),
        (H1, "其他需要报告的情况", "无其他需要报告的情况。", ContentKind.OTHER),
        (P, "", "特此报告。", ""),
    ]
    return rows


def for_township(rows, *, area, year: int) -> list[tuple[int, str, str, str]]:
    """The county's rows as one township's starting text: its own place words, each figure chip kept where the
    township has data and, where it has none, a 【…】 flag naming the figure instead — a zero is never stated, and
    the editor lists the flag until the author writes the sentence or deletes it."""
    refresh()
    words = place_words(area)
    texts = [text for _level, heading, body, _kind in rows for text in (heading, body)]
    figures = live_figures(keys_in(texts), area=area, year=year)

    # Report text, not UI: written in Chinese whatever the author's interface language (as editor.WORDS).
    def fill(match):
        figure = figures[match.group(1)]
        if figure.missing:
            return "【指标“%(key)s”已停用，请删去或改写】" % {"key": match.group(1)}
        if not figure.value:
            return "【%(name)s：本年度无数据，请核实后填写或删去】" % {"name": figure.label}
        return match.group(0)

    return [
        (level, words.replace_in(FIGURE_RE.sub(fill, heading)), words.replace_in(FIGURE_RE.sub(fill, body)), kind)
        for level, heading, body, kind in rows
    ]
