"""A county's report states its townships' figures side by side (issue 22 item 6): one row per township, one column
per figure the county assesses its townships on (figures.selectors.assessed_keys; the roll-up's standing columns
where it has defined none), and the county's totals as the roll-up computes them — counts and sums added up, rates
and distinct counts computed over the whole county (reports.selectors.county_rollup).

The table stands in the text as {township_table} (the editor shows 【乡镇指标汇总表】) on a line of its own; it is
computed live while the report is a draft and frozen with the report's figures on finalising."""

from django.utils import timezone

from fazhi.areas.words import place_words
from fazhi.core.metrics import refresh
from fazhi.figures.selectors import assessed_keys
from fazhi.reports.figures import value_text
from fazhi.reports.selectors import DEFAULT_KEYS, county_rollup

NO_DATA = "—"


def _cell(value) -> str:
    return NO_DATA if value is None else value_text(value)


def township_table(*, county, year: int) -> dict:
    """{"headers": [...], "rows": [[township, cell, ...], ...], "totals": ["合计", cell, ...]}, cells written as the
    report writes numbers; "—" where a figure cannot be computed (a rate over no cases), never 0 in its place."""
    keys = [] if assessed_keys(county=county) else DEFAULT_KEYS
    rollup = county_rollup(county=county, year=year, keys=keys, today=timezone.localdate())
    registry = refresh()
    units = [str(getattr(registry.get(key), "unit", "") or "") for key in rollup["keys"]]
    # The table is part of the 公文: Chinese whatever the author's interface language.
    headers = ["乡镇（街道）"] + [
        f"{label}（{unit}）" if unit else label for label, unit in zip(rollup["labels"], units, strict=True)
    ]
    return {
        "headers": headers,
        "rows": [[row["area"].name, *map(_cell, row["values"])] for row in rollup["townships"]],
        "totals": [place_words(county).whole + "合计", *map(_cell, rollup["totals"])],
    }


def table_for(report) -> dict:
    """The table a report shows: as frozen once finalised, else computed now."""
    if report.is_frozen and report.township_table:
        return report.township_table
    return township_table(county=report.area, year=report.year)


def table_text(table: dict) -> str:
    """The table as lines of text, for the report's plain text and the PDF's digest."""
    return "\n".join("\t".join(row) for row in [table["headers"], *table["rows"], table["totals"]])
