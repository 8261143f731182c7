import datetime
import functools
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.facts import BUILTIN_FIGURES
from fazhi.core.metrics import METRICS, Period, metric_values, refresh
from fazhi.figures.selectors import assessed_keys
from fazhi.reports.choices import ReportStatus
from fazhi.reports.figures import Figure, live_figures
from fazhi.reports.models import CountyTemplate, Rectification, Report, ReportSection

# The roll-up's standing columns: figures every township's work produces, whatever its report says; a county adds
# the figures it assesses its townships on (figures.selectors.assessed_keys).
DEFAULT_KEYS = [
    "leadership.meetings",
    "training.study_sessions",
    "publicity.activities",
    "publicity.participants",
    "grid.grids",
    "mediation.general_disputes_resolved",
    "petitions.key_petitioners_settled",
    "enforcement.officers",
    "documents.reviewed",
    "decisions.decided",
]


def report_list(*, user, year: int | None = None) -> QuerySet:
    qs = Report.objects.visible_to(user).select_related("area")
    return qs.filter(year=year) if year else qs


def report_get(*, user, pk: int) -> Report:
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def section_get(*, user, pk: int) -> ReportSection:
    section = (
        ReportSection.objects.filter(report__in=Report.objects.visible_to(user), pk=pk)
        .select_related("report__area")
        .first()
    )
    if section is None:
        raise Http404
    return section


def rectification_get(*, user, pk: int) -> Rectification:
    item = (
        Rectification.objects.filter(report__in=Report.objects.visible_to(user), pk=pk)
        .select_related("report__area")
        .first()
    )
    if item is None:
        raise Http404
    return item


def area_choices(*, user) -> QuerySet:
    return areas_visible_to(user, Module.REPORTS).current().filter(level__in=[Level.COUNTY, Level.TOWNSHIP])


def area_get(*, user, pk: int) -> Area:
    area = area_choices(user=user).filter(pk=pk).first()
    if area is None:
        raise Http404
    return area


@dataclass(frozen=True)
class MetricSection:
    number: int  # 1, 2, … in report order: the page's ?section=
    label: str
    keys: list[str]


_sections_cache: dict[tuple, list[MetricSection]] = {}


def metric_sections(area: Area | None = None) -> list[MetricSection]:
    """The registered figures by report section: sections in the order the default report has them, the others
    (a ledger's own sections, say) after them in the order they were registered; keys sorted within a section.
    With `area`, only the figures that belong on its pages (not another township's ledger types), in sections that
    keep their numbers.

    Kept per language and registry content (the ledger re-registers its figures at run time)."""
    refresh()
    signature = (get_language(), tuple(METRICS), tuple(map(id, METRICS.values())))
    if signature not in _sections_cache:
        _sections_cache.clear()
        _sections_cache[signature] = _metric_sections()
    sections = _sections_cache[signature]
    if area is None:
        return sections
    mine = [replace(s, keys=[k for k in s.keys if METRICS[k].applies_to(area)]) for s in sections]
    return [s for s in mine if s.keys]


# The order an annual report's 主要举措 usually run in: leadership first (第一责任人), then study and training, 普法,
# grass-roots governance, and lawful administration; an app not listed follows them.
REPORT_APP_ORDER = (
    "leadership",
    "training",
    "publicity",
    "grid",
    "people",
    "mediation",
    "petitions",
    "counsel",
    "documents",
    "decisions",
    "enforcement",
    "disclosure",
)


@functools.cache
def _builtin_ranks() -> dict[str, tuple[int, int]]:
    app_rank = {app: i for i, app in enumerate(REPORT_APP_ORDER)}
    return {key: (app_rank.get(key.split(".")[0], len(app_rank)), i) for i, key in enumerate(BUILTIN_FIGURES)}


def figure_rank(key: str) -> tuple[int, int]:
    """Where a figure stands in report order: its app in REPORT_APP_ORDER, then the app's own declaration order;
    figures that are not built in (a ledger's, an area's own) after all of them."""
    return _builtin_ranks().get(key, (len(REPORT_APP_ORDER) + 1, 0))


def _metric_sections() -> list[MetricSection]:
    """Sections in report order (figure_rank of their first figure), then the sections only a ledger type or an
    area's own definitions use, by name."""
    by_label: dict[str, list[str]] = {}
    for key, metric in METRICS.items():
        by_label.setdefault(str(metric.section), []).append(key)
    ranked = sorted(by_label.items(), key=lambda item: (min(figure_rank(k) for k in item[1]), item[0]))
    return [MetricSection(number=n, label=label, keys=sorted(keys)) for n, (label, keys) in enumerate(ranked, 1)]


def metric_table(*, area: Area, year: int, keys: list[str] | None = None) -> list[Figure]:
    """The registered figures `keys` (all of them if None) for the area and year, with last year's value beside
    each; computed together in a few queries (core.metrics.metric_values), however many records lie behind them.
    The keys come from metric_sections(), which has just refreshed the registry."""
    keys = sorted(refresh()) if keys is None else keys
    return list(live_figures(keys, area=area, year=year).values())


def metric_evidence(*, key: str, area: Area, year: int) -> QuerySet:
    metric = refresh().get(key)
    if metric is None:
        raise Http404
    qs = metric.evidence(area=area, period=Period.year(year))
    return qs if qs.ordered else qs.order_by("pk")  # stable pages


def county_rollup(*, county: Area, year: int, keys: list[str], today: datetime.date) -> dict:
    """Every township's figures side by side, with each township's report status and lateness; the figures the
    county defined for its townships come first."""
    keys = list(dict.fromkeys([*assessed_keys(county=county), *keys]))
    townships = list(county.children.current().filter(level=Level.TOWNSHIP).order_by("code", "name"))
    reports = {r.area_id: r for r in Report.objects.filter(area__in=townships, year=year)}
    period = Period.year(year)
    rows = []
    known = [key for key in keys if key in refresh()]
    # A rate, a change or a count of distinct things does not add up across townships: the county's own value
    # is computed over its whole subtree; plain counts and sums are the townships' total.
    whole = [k for k in known if METRICS[k].parts or METRICS[k].distinct_field]
    county_values = dict(
        zip(whole, metric_values(area=county, requests=[(METRICS[k], period) for k in whole]), strict=True)
    )
    totals: dict[str, object] = {k: 0 for k in known if k not in county_values}
    for township in townships:
        computed = dict(
            zip(known, metric_values(area=township, requests=[(METRICS[k], period) for k in known]), strict=True)
        )
        values = []
        for key in keys:
            value = computed.get(key)
            if value is not None and key in totals:
                totals[key] += value
            values.append(value)
        report = reports.get(township.pk)
        rows.append(
            {
                "area": township,
                "values": values,
                "report": report,
                "submit_late": report.submit_late(today) if report else today > Report(year=year).submit_due,
                "publish_late": report.publish_late(today) if report else today > Report(year=year).publish_due,
                "finalised": bool(report and report.status != ReportStatus.DRAFT),
                "published": bool(report and report.status == ReportStatus.PUBLISHED),
            }
        )
    totals.update(county_values)
    return {
        "townships": rows,
        "totals": [totals.get(k) for k in keys],
        "labels": [str(METRICS[k].label) if k in METRICS else k for k in keys],
        "keys": keys,
    }


def published_report_list(*, area: Area | None = None) -> QuerySet:
    """For the public site (portal): published reports, with their publication date (督察工作规定 第二十四条)."""
    qs = Report.objects.filter(status=ReportStatus.PUBLISHED).select_related("area").order_by("-year", "area__path")
    return qs.filter(area=area) if area else qs


def county_of(area: Area) -> Area | None:
    """The county a township reports to (its parent, when that is a county)."""
    parent = area.parent
    return parent if parent is not None and parent.level == Level.COUNTY else None


def county_template_current(*, county: Area | None, year: int) -> CountyTemplate | None:
    """The template new drafts of `year` start from: the county's latest version, unless it was withdrawn."""
    if county is None:
        return None
    latest = CountyTemplate.objects.filter(area=county, year=year).order_by("-number").first()
    return None if latest is None or latest.withdrawn else latest


def county_template_versions(*, user, county: Area, year: int) -> QuerySet:
    return (
        CountyTemplate.objects.visible_to(user)
        .filter(area=county, year=year)
        .select_related("published_by", "withdrawn_by")
    )


def template_counties(*, user) -> QuerySet:
    """The counties whose template the user may publish."""
    return areas_visible_to(user, Module.REPORTS, CHANGE).current().filter(level=Level.COUNTY).order_by("path")
