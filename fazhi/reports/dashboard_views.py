"""Dashboards with charts (a township's and a county's) and the county 督察's oversight page.

Charts get their data through `json_script` and are drawn by static/js/charts.js (the CSP allows no inline
script); each chart has its table under it, and each point links to the records it counts.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.areas.models import Level
from fazhi.core.decorators import require_perm
from fazhi.core.htmx import render_page
from fazhi.reports import dashboards, selectors
from fazhi.reports.forms import AreaYearForm

REACH = frozenset(dashboards.REACH)


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar" or "line"
    categories: list[str]
    series: list[dict] = field(default_factory=list)  # {"name", "data", "links"}
    stacked: bool = False

    def add(self, name: str, data: list, links: list[str]) -> None:
        self.series.append({"name": str(name), "data": [_plain(v) for v in data], "links": links})

    @property
    def has_data(self) -> bool:
        return any(v for s in self.series for v in s["data"])

    @property
    def spec(self) -> dict:
        return {
            "kind": self.kind,
            "categories": [str(c) for c in self.categories],
            "series": self.series,
            "stacked": self.stacked,
        }

    @property
    def rows(self) -> list[tuple[str, list[tuple]]]:
        return [
            (category, [(s["data"][i], s["links"][i]) for s in self.series])
            for i, category in enumerate(self.categories)
        ]


def _plain(value):
    """A figure's Decimal as a number ECharts reads; None (no such record type here) as no point."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _evidence(key: str, area, year: int) -> str:
    return reverse("reports:metric_evidence", args=[key]) + "?" + urlencode({"area": area.pk, "year": year})


def _pick(request, areas):
    """The area and year asked for; by default the first area and its latest year with records."""
    today = timezone.localdate()
    form = AreaYearForm(request.GET or None, areas=areas)
    area = areas.first()
    year = None
    if form.is_bound and form.is_valid():
        area, year = form.cleaned_data["area"], form.cleaned_data["year"]
    years = dashboards.years_with_data(user=request.user, area=area) if area else []
    if year is None:
        year = dashboards.latest_year(years, up_to=today.year)
        form = AreaYearForm(areas=areas, initial={"area": area, "year": year})
    return form, area, year, years


def _year_on_year(key: str, title: str, figures, area, year: int, *, strip: str = "") -> Chart:
    chart = Chart(key, title, "bar", [f.label.removeprefix(strip) for f in figures])
    for y, values in ((year - 1, [f.last_value for f in figures]), (year, [f.value for f in figures])):
        chart.add(_("%(y)s年") % {"y": y}, values, [_evidence(f.key, area, y) for f in figures])
    return chart


def _township_charts(user, area, year: int, today: datetime.date) -> list[Chart]:
    # Both year-on-year charts' figures in one batch (core.metrics.metric_values), this year and last.
    figures = dashboards.compared_figures(area=area, year=year, keys=dashboards.COMPARED + dashboards.REACH)
    compared = _year_on_year("compared", _("本年与上年对比"), [f for f in figures if f.key not in REACH], area, year)

    months = [_("%(m)d月") % {"m": m} for m in range(1, 13)]
    trend = Chart("monthly", _("逐月受理"), "line", months)
    counts = dashboards.year_counts(user=user, area=area, year=year, level=Level.VILLAGE, months=True)
    for source in dashboards.sources_for(user):
        trend.add(source.label, counts.by_month[source.label], [_evidence(source.figure, area, year)] * 12)

    villages = counts.children
    by_village = Chart("villages", _("各村（社区）"), "bar", [v.name for v in villages], stacked=True)
    for source in dashboards.sources_for(user):
        link = _evidence(source.figure, area, year)
        by_village.add(source.label, counts.by_child[source.label], [link] * len(villages))

    work = dashboards.open_work(user=user, area=area, today=today)
    open_chart = Chart("open", _("在办与逾期（截至今日）"), "bar", [row["source"].label for row in work])
    open_chart.add(_("在办"), [row["open"] for row in work], [dashboards.list_url(r["source"]) for r in work])
    open_chart.add(_("逾期"), [row["overdue"] for row in work],
                   [dashboards.list_url(r["source"], overdue="on") for r in work])  # fmt: skip

    groups = [f for f in figures if f.key in REACH]
    reach = _year_on_year("reach", _("普法覆盖人群"), groups, area, year, strip=str(_("普法覆盖：")))
    return [compared, trend, by_village, open_chart, reach]


@require_perm("reports.view")
def township_dashboard_view(request):
    areas = selectors.area_choices(user=request.user).filter(level=Level.TOWNSHIP)
    form, area, year, years = _pick(request, areas)
    charts = _township_charts(request.user, area, year, timezone.localdate()) if area and year in years else []
    return render_page(
        request,
        "dashboards/township.html",
        {"form": form, "area": area, "year": year, "years": years, "charts": charts},
    )


def _county_charts(user, county, year: int, today: datetime.date) -> list[Chart]:
    counts = dashboards.year_counts(user=user, area=county, year=year, level=Level.TOWNSHIP)
    townships, per_township = counts.children, counts.by_child
    names = [t.name for t in townships]
    side = Chart("townships", _("各乡镇受理（本年）"), "bar", names)
    for source in dashboards.sources_for(user):
        side.add(source.label, per_township[source.label], [_evidence(source.figure, t, year) for t in townships])
    _townships, late = dashboards.timeliness(user=user, county=county, today=today)
    timely = Chart("timeliness", _("各乡镇逾期未办结（截至今日）"), "bar", names, stacked=True)
    for row in late:
        timely.add(row["source"].label, row["overdue"], [dashboards.list_url(row["source"], overdue="on")] * len(names))
    return [side, timely]


@require_perm("reports.view")
def county_dashboard_view(request):
    counties = selectors.area_choices(user=request.user).filter(level=Level.COUNTY)
    form, county, year, years = _pick(request, counties)
    charts = _county_charts(request.user, county, year, timezone.localdate()) if county and year in years else []
    return render_page(
        request,
        "dashboards/county.html",
        {"form": form, "area": county, "year": year, "years": years, "charts": charts},
    )


def oversight_view(request):
    """Stands in for the workbench of a county 督察 who changes nothing: overdue and at-risk work by township,
    each township's report for last year, and the figures the county assesses. None for anyone else."""
    user = request.user
    if not dashboards.is_oversight_only(user):
        return None
    today = timezone.localdate()
    county = selectors.area_choices(user=user).filter(level=Level.COUNTY).first()
    context = {"county": county, "today": today, "report_year": today.year - 1}
    if county is not None:
        townships, late = dashboards.timeliness(user=user, county=county, today=today)
        reports = dashboards.report_status(townships=townships, year=today.year - 1)
        context.update(
            rows=[
                {
                    "area": t,
                    "cells": [(row["overdue"][i], row["at_risk"][i]) for row in late],
                    "report": reports.get(t.pk),
                }
                for i, t in enumerate(townships)
            ],
            sources=[row["source"] for row in late],
            assessed=dashboards.assessed(county=county, year=today.year - 1),
        )
    return render_page(request, "dashboards/oversight.html", context)
