"""Figures in report text: placeholders, the way numbers are written, and where the values come from.

Placeholders in a section's text:
  {publicity.activities}     the registered figure, written exactly ("11")
  {publicity.activities|余}  written approximately the way such reports do ("10余")
  {是}                        the next list marker of the section: 一是、二是、三是…
  {year} {next_year} {area}  the report's year, the year after, the area's name
  {township_table}            a county's table of its townships' figures (reports.county_table), on its own line
A figure stays live (computed from the registry) until the report is finalised; then its value, last year's
value and its evidence list come from the report's FigureSnapshot rows.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from fazhi.core.facts import Writing
from fazhi.core.metrics import METRICS, Period, metric_values, refresh
from fazhi.figures.writing import format_value

FIGURE_RE = re.compile(r"\{([a-z][a-z0-9_]*\.[a-z0-9_.]+)(\|余)?\}")
TOKEN_RE = re.compile(r"\{([a-z][a-z0-9_]*\.[a-z0-9_.]+)(\|余)?\}|\{(是|year|next_year|area|township_table)\}")

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (enough for section and list markers)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return f"{head}十{CN_DIGITS[ones] if ones else ''}"


def heading_marker(level: int, n: int) -> str:
    return f"{cn_number(n)}、" if level == 1 else f"（{cn_number(n)}）"


def value_text(value) -> str | None:
    """A figure's value as kept in JSON (ReportSection.figure_values): "12", "85.5"; None where undefined."""
    if value is None:
        return None
    return format(Decimal(value).normalize(), "f") if Decimal(value) != int(Decimal(value)) else str(int(value))


def keys_in(texts) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        for match in FIGURE_RE.finditer(text or ""):
            seen.setdefault(match.group(1), None)
    return list(seen)


@dataclass
class Figure:
    key: str
    label: str = ""
    unit: str = ""
    value: Decimal | int | None = None
    last_value: Decimal | int | None = None
    missing: bool = False
    frozen: bool = False
    evidence: list = field(default_factory=list)  # frozen only: [[pk, text], ...]
    writing: str = Writing.EXACT
    flagged: bool = False  # a record it counts was entered as a 约数
    undefined: bool = False  # a rate over zero, a change from a year without data: stated as such, never as 0

    def text(self, *, approx: bool = False) -> str:
        if self.undefined:
            return undefined_marker(self.label)
        approx = approx or self.writing in (Writing.YU, Writing.FLAG)
        return format_value(self.value, approx=approx, flagged=self.flagged and self.writing == Writing.FLAG)

    def change(self):
        if self.value is None or self.last_value is None:
            return None
        return Decimal(self.value) - Decimal(self.last_value)


def live_figures(keys, *, area, year: int) -> dict[str, Figure]:
    """Registered figures with this year's and last year's value, computed together (core.metrics.metric_values);
    for a figure that honours the 约数 mark, also whether any record it counts this year carries it."""
    keys = list(dict.fromkeys(keys))
    metrics = [METRICS[key] for key in keys if key in METRICS]
    this_year, last_year = Period.year(year), Period.year(year - 1)
    requests = [(m, p) for m in metrics for p in (this_year, last_year)]
    flagged_of = [m for m in metrics if getattr(m, "approx", None) is not None]
    values = metric_values(area=area, requests=requests + [(m.approx, this_year) for m in flagged_of])
    flagged = {m.key: bool(v) for m, v in zip(flagged_of, values[len(requests) :], strict=True)}
    values = iter(values[: len(requests)])
    figures = {}
    for key in keys:
        metric = METRICS.get(key)
        if metric is None:
            figures[key] = Figure(key=key, missing=True)
            continue
        value, last_value = next(values), next(values)
        figures[key] = Figure(
            key=key,
            label=str(metric.label),
            unit=str(metric.unit),
            value=value,
            last_value=last_value,
            writing=getattr(metric, "writing", Writing.EXACT),
            flagged=flagged.get(key, False),
            undefined=value is None,
        )
    return figures


def collect(report, sections) -> dict[str, Figure]:
    """The figures a report's text uses: frozen snapshots once finalised, otherwise live from the registry."""
    keys = keys_in([s.heading for s in sections] + [s.body for s in sections])
    if report.pk and report.is_frozen:
        frozen = {f.key: f for f in report.figures.all()}
        figures = {}
        for key in keys:
            snap = frozen.get(key)
            figures[key] = (
                Figure(
                    key=key,
                    label=snap.label,
                    unit=snap.unit,
                    value=snap.value,
                    last_value=snap.last_value,
                    writing=snap.writing,
                    flagged=snap.flagged,
                    frozen=True,
                    evidence=snap.evidence,
                )
                if snap
                else Figure(key=key, missing=True, frozen=True)
            )
        return figures
    refresh()
    return live_figures(keys, area=report.area, year=report.year)


@dataclass(frozen=True)
class Segment:
    text: str
    key: str | None = None  # a figure
    missing: bool = False
    table: bool = False  # {township_table}: the line becomes the county's table


def undefined_marker(label: str) -> str:
    return _("【%(label)s无法计算：无数据或分母为0】") % {"label": label}


def missing_marker(key: str) -> str:
    return _("【指标未登记：%(key)s】") % {"key": key}


def segments(text: str, *, figures: dict[str, Figure], report) -> list[Segment]:
    """Split one paragraph into plain text and figures; list markers numbered within the text given."""
    out: list[Segment] = []
    pos = 0
    enum = 0
    for match in TOKEN_RE.finditer(text):
        if match.start() > pos:
            out.append(Segment(text[pos : match.start()]))
        pos = match.end()
        key, approx, word = match.group(1), match.group(2), match.group(3)
        if key:
            figure = figures.get(key) or Figure(key=key, missing=True)
            if figure.missing or (figure.value is None and not figure.undefined):
                out.append(Segment(missing_marker(key), key=key, missing=True))
            else:
                out.append(Segment(figure.text(approx=bool(approx)), key=key, missing=figure.undefined))
        elif word == "是":
            enum += 1
            out.append(Segment(f"{cn_number(enum)}是"))
        elif word == "year":
            out.append(Segment(str(report.year)))
        elif word == "next_year":
            out.append(Segment(str(report.year + 1)))
        elif word == "township_table":
            out.append(Segment("【乡镇指标汇总表】", table=True))  # as the editor names it (editor.WORDS)
        else:
            out.append(Segment(report.area.name))
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
