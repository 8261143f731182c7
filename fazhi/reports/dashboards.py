"""Dashboards and the county oversight page: aggregate reads over the user's visible records, a fixed number of
queries whatever the number of records or townships (each count is a GROUP BY, never a loop over records).

Deadlines are read from the records' own due dates (the case types keep them), never copied here.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import ExtractMonth, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.permissions import active_roles
from fazhi.accounts.roles import CHANGE, DOMAIN_MODULES, Module, Role
from fazhi.areas.models import PATH_SEGMENT, Area, Level, subtree_q
from fazhi.core.metrics import METRICS, Period, metric_values, refresh
from fazhi.figures.selectors import assessed_keys
from fazhi.grid.choices import OPEN_STATUSES as MATTER_OPEN
from fazhi.grid.models import Matter
from fazhi.mediation.choices import DisputeStatus
from fazhi.mediation.models import Dispute
from fazhi.petitions.choices import OPEN_STATUSES as PETITION_OPEN
from fazhi.petitions.models import Petition
from fazhi.reports.figures import live_figures
from fazhi.reports.models import Report

AT_RISK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Source:
    """One kind of case the dashboards count: where its date lies, what open means, where its records are listed."""

    label: str
    model: type
    date_field: str
    open_q: Q
    module: str
    list_url: str
    figure: str  # the registered figure that counts the year's records (its evidence page lists them)


SOURCES = [
    Source(_("群众说事"), Matter, "registered_on", Q(status__in=MATTER_OPEN), Module.GRID, "grid:matter_list",
           "grid.matters_raised"),
    Source(_("矛盾纠纷"), Dispute, "received_on", Q(status=DisputeStatus.OPEN), Module.MEDIATION,
           "mediation:dispute_list", "mediation.disputes_received"),
    Source(_("信访事项"), Petition, "received_on", Q(status__in=PETITION_OPEN), Module.PETITIONS,
           "petitions:petition_list", "petitions.received"),
]  # fmt: skip

# The year's figures set against last year on a township's dashboard.
COMPARED = [
    "grid.matters_raised",
    "grid.visits",
    "mediation.disputes_received",
    "mediation.disputes_resolved",
    "petitions.received",
    "petitions.closed_on_time",
    "publicity.activities",
    "training.study_sessions",
    "leadership.meetings",
]
REACH = [
    "publicity.reached_general",
    "publicity.reached_elderly",
    "publicity.reached_women",
    "publicity.reached_students",
    "publicity.reached_migrant",
    "publicity.reached_enterprises",
    "publicity.reached_new_employment",
    "publicity.reached_village_cadres",
]


def sources_for(user) -> list[Source]:
    return [s for s in SOURCES if user.has_perm(f"{s.module}.view")]


def _records(user, source: Source, area: Area) -> QuerySet:
    return source.model.objects.visible_to(user).filter(subtree_q(area.path))


def years_with_data(*, user, area: Area) -> list[int]:
    """The years from the first record to the last (each kind's earliest and latest date: native MIN/MAX, where a
    DISTINCT over truncated dates ran a Python function per row on SQLite)."""
    first, last = None, None
    for source in sources_for(user):
        span = _records(user, source, area).aggregate(first=Min(source.date_field), last=Max(source.date_field))
        if span["first"] is not None:
            first = min(first or span["first"], span["first"])
            last = max(last or span["last"], span["last"])
    return list(range(first.year, last.year + 1)) if first else []


def latest_year(years: list[int], *, up_to: int) -> int:
    """The year a page opens on: the latest with records up to `up_to`, else the latest with any, else `up_to`."""
    earlier = [y for y in years if y <= up_to]
    return earlier[-1] if earlier else years[-1] if years else up_to


def _by_child(qs: QuerySet, parent: Area, **aggregates) -> dict[str, dict]:
    """Aggregates per child area of `parent` (a township's villages, a county's townships): child path → values.
    Every child's path is the parent's plus one fixed-width segment, so one GROUP BY on that prefix does it."""
    width = len(parent.path) + PATH_SEGMENT
    rows = qs.annotate(child=Substr("area__path", 1, width)).values("child").annotate(**aggregates).order_by()
    return {row.pop("child"): row for row in rows}


def children(area: Area, level: int) -> list[Area]:
    return list(area.children.current().filter(level=level).order_by("code", "name"))


@dataclass
class YearCounts:
    children: list[Area]
    by_child: dict[str, list[int]]  # kind → counts per child area
    by_month: dict[str, list[int]]  # kind → twelve counts (empty unless asked for)


def year_counts(*, user, area: Area, year: int, level: int, months: bool = False) -> YearCounts:
    """Each kind's records of the year per child area (a township's villages, a county's townships) and, if asked,
    per month: one GROUP BY (child, month) per kind."""
    kids = children(area, level)
    result = YearCounts(kids, {}, {})
    for source in sources_for(user):
        width = len(area.path) + PATH_SEGMENT
        keys = ("child", "month") if months else ("child",)
        qs = _records(user, source, area).filter(**{f"{source.date_field}__year": year})
        qs = qs.annotate(child=Substr("area__path", 1, width))
        if months:
            qs = qs.annotate(month=ExtractMonth(source.date_field))
        per_child: dict[str, int] = {}
        per_month = [0] * 12
        for row in qs.values(*keys).annotate(n=Count("id")).order_by():
            per_child[row["child"]] = per_child.get(row["child"], 0) + row["n"]
            if months:
                per_month[row["month"] - 1] += row["n"]
        result.by_child[source.label] = [per_child.get(kid.path, 0) for kid in kids]
        if months:
            result.by_month[source.label] = per_month
    return result


def open_work(*, user, area: Area, today: datetime.date) -> list[dict]:
    """Per kind: open now, and open past its due date."""
    out = []
    for source in sources_for(user):
        overdue = source.open_q & Q(due_date__lt=today)
        counts = _records(user, source, area).aggregate(
            open=Count("id", filter=source.open_q), overdue=Count("id", filter=overdue)
        )
        out.append({"source": source, **counts})
    return out


def timeliness(*, user, county: Area, today: datetime.date) -> tuple[list[Area], list[dict]]:
    """Per kind and township: open items past their due date, and those due within a week (at risk)."""
    townships = children(county, Level.TOWNSHIP)
    out = []
    for source in sources_for(user):
        due_soon = Q(due_date__gte=today, due_date__lte=today + AT_RISK)
        counts = _by_child(
            _records(user, source, county).filter(source.open_q),
            county,
            overdue=Count("id", filter=Q(due_date__lt=today)),
            at_risk=Count("id", filter=due_soon),
        )
        out.append(
            {
                "source": source,
                "overdue": [counts.get(t.path, {}).get("overdue", 0) for t in townships],
                "at_risk": [counts.get(t.path, {}).get("at_risk", 0) for t in townships],
            }
        )
    return townships, out


def compared_figures(*, area: Area, year: int, keys: list[str]):
    refresh()
    return [f for f in live_figures([k for k in keys if k in METRICS], area=area, year=year).values()]


def report_status(*, townships: list[Area], year: int) -> dict[int, Report]:
    return {r.area_id: r for r in Report.objects.filter(area__in=townships, year=year)}


def assessed(*, county: Area, year: int) -> list[tuple[str, str, object]]:
    """The figures the county assesses its townships on: (key, name, the county's value for the year)."""
    keys = [k for k in assessed_keys(county=county) if k in refresh()]
    values = metric_values(area=county, requests=[(METRICS[k], Period.year(year)) for k in keys])
    return [(k, str(METRICS[k].label), v) for k, v in zip(keys, values, strict=True)]


def is_oversight_only(user) -> bool:
    """A county 督察 whose posts grant no change right anywhere (accounts.roles): the oversight page is their
    workbench, since nothing there is theirs to do."""
    if Role.SUPERVISOR not in active_roles(user):
        return False
    return not any(user.has_perm(f"{m}.{CHANGE}") for m in DOMAIN_MODULES)


def list_url(source: Source, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(source.list_url) + (f"?{query}" if query else "")
