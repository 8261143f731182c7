import datetime

from django.db.models import QuerySet
from django.http import Http404

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import areas_visible_to
from fazhi.core.metrics import METRICS, Period
from fazhi.reports.choices import ReportStatus
from fazhi.reports.figures import live_figure
from fazhi.reports.models import Rectification, Report, ReportSection


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


def metric_table(*, area: Area, year: int) -> list:
    """Every registered figure for the area and year, with last year's value beside it."""
    return [live_figure(key, area=area, year=year) for key in sorted(METRICS)]


def metric_evidence(*, key: str, area: Area, year: int) -> QuerySet:
    metric = METRICS.get(key)
    if metric is None:
        raise Http404
    qs = metric.evidence(area=area, period=Period.year(year))
    return qs if qs.ordered else qs.order_by("pk")  # stable pages


def county_rollup(*, county: Area, year: int, keys: list[str], today: datetime.date) -> dict:
    """Every township's figures side by side, with each township's report status and lateness."""
    townships = list(county.children.current().filter(level=Level.TOWNSHIP).order_by("code", "name"))
    reports = {r.area_id: r for r in Report.objects.filter(area__in=townships, year=year)}
    period = Period.year(year)
    rows = []
    totals = dict.fromkeys(keys, 0)
    for township in townships:
        values = []
        for key in keys:
            metric = METRICS.get(key)
            value = metric.value(area=township, period=period) if metric else None
            if value is not None:
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
    return {
        "townships": rows,
        "totals": [totals[k] if k in METRICS else None for k in keys],
        "labels": [str(METRICS[k].label) if k in METRICS else k for k in keys],
    }


def published_report_list(*, area: Area | None = None) -> QuerySet:
    """For the public site (portal): published reports, with their publication date (督察工作规定 第二十四条)."""
    qs = Report.objects.filter(status=ReportStatus.PUBLISHED).select_related("area").order_by("-year", "area__path")
    return qs.filter(area=area) if area else qs
