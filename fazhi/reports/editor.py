"""The section editor: the text as an author reads it, a preview where figures are chips, warnings beside it.

Stored text keeps figures as placeholders with keys ({publicity.activities}, {publicity.activities|余}) so that a
renamed figure still reads right; an author never reads or types a key. The editor shows each placeholder as the
figure's name in 【】 — 【普法宣传活动】, 【普法宣传活动（余）】 — and the list words as 【序号是】, 【本年度】,
【下一年度】, 【本单位名称】, and turns them back into placeholders on save. Names are made unique (a second figure
of the same name is 【名称（2）】), so `to_stored(to_display(text)) == text` for any text that does not itself hold a
figure's name in 【】. A 【…】 that names no figure stays in the text as typed, and the editor warns about it.
"""

import re
import weakref
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fazhi.core.metrics import Metric, Period, metric_values, refresh
from fazhi.figures.choices import FigureKind
from fazhi.figures.selectors import broken_reason, unregistered_figures
from fazhi.reports.figures import FIGURE_RE, TOKEN_RE, Figure, keys_in, live_figures, segments, value_text
from fazhi.reports.rendering import _split_lines, figure_url, missing_contents

BRACKET_RE = re.compile(r"【([^【】\n]{1,160})】")
APPROX = "（余）"
APPROX_FORMS = (APPROX, "(余)", "|余")
# Report words, not UI labels: the report is written in Chinese whatever the author's interface language, and the
# same words must read back on save, so they are not translated.
WORDS = {
    "是": "序号是",
    "year": "本年度",
    "next_year": "下一年度",
    "area": "本单位名称",
    "township_table": "乡镇指标汇总表",
}
WORD_OF = {name: word for word, name in WORDS.items()}
UNREGISTERED = "未登记的指标"


@dataclass(frozen=True)
class Names:
    """Each figure key's name in the editor, unique, and back."""

    by_key: dict[str, str]
    by_name: dict[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        return self.by_key.get(key, UNREGISTERED)


def _natural(key: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key)]


def names_for(texts=(), *, registry=None) -> Names:
    """Names of every registered figure, and of the keys `texts` use that are not registered (a switched-off or
    broken definition by its own name, a key no definition has as 未登记的指标（n）). `registry`: one just
    refreshed, to spare the page another look at the definitions."""
    registry = refresh() if registry is None else registry
    labels = {key: str(metric.label) for key, metric in registry.items() if "#" not in key}
    unknown = [key for key in keys_in(texts) if key not in labels]
    if unknown:
        labels.update({key: name for key, (name, _why) in unregistered_figures(keys=unknown).items()})
        labels.update({key: UNREGISTERED for key in unknown if key not in labels})
    groups: dict[str, list[str]] = {}
    for key in sorted(labels, key=_natural):
        groups.setdefault(labels[key].strip() or UNREGISTERED, []).append(key)
    by_key = {}
    for label, keys in groups.items():
        clash = len(keys) > 1 or label in WORD_OF or label == UNREGISTERED
        for n, key in enumerate(keys, start=1):
            by_key[key] = f"{label}（{n}）" if clash else label
    return Names(by_key=by_key, by_name={name: key for key, name in by_key.items()})


def to_display(text: str, names: Names) -> str:
    def show(match):
        key, approx, word = match.groups()
        if word:
            return f"【{WORDS[word]}】"
        return f"【{names.name(key)}{APPROX if approx else ''}】"

    return TOKEN_RE.sub(show, text or "")


def to_stored(text: str, names: Names) -> str:
    def store(match):
        inner = match.group(1).strip()
        if inner in WORD_OF:
            return "{" + WORD_OF[inner] + "}"
        if inner in names.by_name:
            return "{" + names.by_name[inner] + "}"
        for form in APPROX_FORMS:
            if inner.endswith(form) and inner[: -len(form)].strip() in names.by_name:
                return "{" + names.by_name[inner[: -len(form)].strip()] + "|余}"
        return match.group(0)  # names no figure: kept as typed, and warned about

    return BRACKET_RE.sub(store, (text or "").replace("\r\n", "\n"))


def is_closing(section) -> bool:
    """The closing "特此报告。", which stays the report's last paragraph."""
    return section.level == 0 and section.body.strip().startswith("特此报告")


# --- Preview: the text with its figures as chips -----------------------------------------------------------------


def figures_of(report, texts) -> dict[str, Figure]:
    refresh()
    return live_figures(keys_in(texts), area=report.area, year=report.year)


def _chip(report, seg, figures: dict[str, Figure], names: Names):
    figure = figures.get(seg.key) or Figure(key=seg.key, missing=True)
    if seg.missing:
        if figure.undefined:
            reason = _("无法计算（无数据或分母为0）")
        else:
            reason = broken_reason(key=seg.key) or _("指标未登记或已停用")
        return format_html(
            '<span class="badge text-bg-danger figure-chip" data-error="{}" title="{}">{} · {}</span>',
            seg.key,
            reason,
            figure.label or names.name(seg.key),
            _("无法计算"),
        )
    return format_html(
        '<a class="badge rounded-pill text-bg-info text-decoration-none figure-chip" href="{}" data-chip="{}">'
        "{} · {}{}</a>",
        figure_url(report, seg.key),
        seg.key,
        figure.label,
        seg.text,
        figure.unit,
    )


def _line_html(report, line, figures, names):
    return mark_safe(
        "".join(str(_chip(report, s, figures, names)) if s.key else str(format_html("{}", s.text)) for s in line)
    )


def preview(report, *, heading: str, body: str, figures: dict[str, Figure], names: Names):
    """The section as the report will read it, each figure a chip with its name and value linking to its records,
    one that cannot be computed a red chip naming it."""
    parts = []
    if heading.strip():
        for line in _split_lines(segments(heading, figures=figures, report=report)):
            parts.append(format_html('<p class="fw-bold mb-1">{}</p>', _line_html(report, line, figures, names)))
    for line in _split_lines(segments(body, figures=figures, report=report)):
        parts.append(format_html('<p class="mb-1">{}</p>', _line_html(report, line, figures, names)))
    return mark_safe("".join(str(p) for p in parts))


# --- Warnings beside the text ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    text: str
    error: bool = False  # refuses 定稿, not only worth a look


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def section_warnings(
    *, report, section, heading: str, body: str, figures: dict[str, Figure], names: Names, others
) -> list[Note]:
    """What to look at before 定稿, computed from the text being edited (stored form) and its figures' values now.
    `others` are the report's other sections, for the contents the report must cover."""
    registry = refresh()
    out: list[Note] = []
    texts = [heading, body]
    keys = keys_in(texts)
    breakdowns = [(figures[k], registry[k]) for k in keys if k in registry and getattr(registry[k], "breakdown", ())]
    requests = [(part, Period.year(report.year)) for _f, m in breakdowns for _label, part in m.breakdown]
    part_values = iter(metric_values(area=report.area, requests=requests) if requests else [])
    sums = {}
    for figure, metric in breakdowns:
        sums[figure.key] = sum((_number(next(part_values)) or 0 for _p in metric.breakdown), Decimal(0))
    saved = section.figure_values or {}
    for key in keys:
        figure = figures.get(key) or Figure(key=key, missing=True)
        name = figure.label or names.name(key)
        if figure.undefined:
            out.append(Note(_("“%(name)s”无法计算（无数据或分母为0），报告不能定稿。") % {"name": name}, True))
            continue
        if figure.missing or figure.value is None:
            reason = broken_reason(key=key) or _("指标未登记或已停用。")
            out.append(Note(_("“%(name)s”无法计算：%(reason)s") % {"name": name, "reason": reason}, True))
            continue
        value = Decimal(figure.value)
        metric = registry[key]
        if getattr(metric, "kind", "") == FigureKind.RATE and value > 100:
            out.append(
                Note(_("“%(name)s”为%(value)s%%，超过100%%，请核对分子和分母。") % {"name": name, "value": value})
            )
        if key in sums and sums[key] != value:
            out.append(
                Note(
                    _("“%(name)s”各分项之和为%(parts)s，与合计%(total)s不符。")
                    % {"name": name, "parts": value_text(sums[key]), "total": value_text(value)}
                )
            )
        if key in saved and saved[key] != value_text(value):
            out.append(
                Note(
                    _("“%(name)s”自上次保存后由%(old)s变为%(new)s，请核对文字。")
                    % {"name": name, "old": saved[key] if saved[key] is not None else "—", "new": value_text(value)}
                )
            )
    for text in texts:
        for match in FIGURE_RE.finditer(text or ""):
            figure = figures.get(match.group(1))
            if match.group(2) and figure and figure.value is not None and Decimal(figure.value) < 10:
                out.append(
                    Note(
                        _("“%(name)s”写作约数（余），但数值%(value)s小于10，将按实数写出。")
                        % {"name": figure.label, "value": value_text(figure.value)}
                    )
                )
    for text in texts:
        for match in BRACKET_RE.finditer(text or ""):
            out.append(Note(_("文中留有待填写的“%(text)s”，定稿前请补全或删去。") % {"text": match.group(0)}))
    typed = type(section)(
        level=section.level, heading=heading, body=body, content_kind=section.content_kind, report_id=report.pk
    )
    missing = missing_contents([*others, typed])
    if missing:
        out.append(Note(_("按督察工作规定第二十五条，报告还缺少：%(contents)s。") % {"contents": "、".join(missing)}))
    return out


def stored_values(figures: dict[str, Figure]) -> dict[str, str | None]:
    return {key: value_text(f.value) for key, f in figures.items() if not f.missing}


# --- The figure picker -------------------------------------------------------------------------------------------

PICKER_LIMIT = 15
_record_counts: "weakref.WeakKeyDictionary[Metric, Metric]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Choice:
    key: str
    name: str  # as the editor shows it: unique
    unit: str
    value: str  # this year's, written; "无数据" where no record counts
    last_value: str


def _records_of(metric: Metric) -> Metric:
    """The number of records behind a plain figure, so that a sum of 0 over records reads 0 and no records 无数据.
    One per figure, as the compiled-query cache keys on the Metric."""
    count = _record_counts.get(metric)
    if count is None:
        count = _record_counts[metric] = Metric(
            key=f"{metric.key}#records", label="", unit="", section="", records=metric.records
        )
    return count


def figure_choices(*, area, year: int, query: str, names: Names) -> tuple[list[Choice], int]:
    """The area's figures whose name holds `query`, at most PICKER_LIMIT, with this and last year's values; and how
    many matched. An empty query lists none: the picker loads only what is searched for."""
    query = query.strip().lower()
    if not query:
        return [], 0
    registry = refresh()
    matches = [
        metric
        for key, metric in registry.items()
        if "#" not in key and metric.applies_to(area) and query in names.name(key).lower()
    ]
    matches.sort(key=lambda m: (names.name(m.key).lower().find(query), names.name(m.key)))
    shown = matches[:PICKER_LIMIT]
    periods = (Period.year(year), Period.year(year - 1))
    requests = [(m, p) for m in shown for p in periods]
    requests += [(_records_of(m), p) for m in shown if not m.parts for p in periods]
    values = metric_values(area=area, requests=requests) if requests else []
    own, counts = iter(values[: 2 * len(shown)]), iter(values[2 * len(shown) :])
    no_data = _("无数据")
    choices = []
    for metric in shown:
        pair = [next(own), next(own)]
        if not metric.parts:
            pair = [v if next(counts) else None for v in pair]
        written = [no_data if v is None else f"{value_text(v)}{metric.unit}" for v in pair]
        choices.append(
            Choice(
                key=metric.key,
                name=names.name(metric.key),
                unit=str(metric.unit),
                value=written[0],
                last_value=written[1],
            )
        )
    return choices, len(matches)
