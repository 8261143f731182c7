import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.reports import services
from fazhi.reports.choices import ContentKind

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEADER, Role.LEGAL_STAFF})
TEMPLATE = [(1, "{year}年工作开展情况", "网格{areas.test_grids}个", ContentKind.MEASURES)]


def _township(area):
    while area.level > 3:
        area = area.parent
    return area


def _report(world, area):
    return services.report_create(actor=None, area=_township(area), year=2023, template=TEMPLATE)


def _pk(world, area):
    return {"pk": _report(world, area).pk}


def _download(world, area):
    return {"pk": _report(world, area).pk, "fmt": "html"}


def _pdf(world, area):
    from fazhi.reports.models import ReportPdf

    report = _report(world, area)
    return {"pk": report.pk, "job": ReportPdf.objects.create(report=report, digest="0" * 64).pk}


def _figure(world, area):
    # "leadership.meetings" is registered by this project's leadership app.
    return {"pk": _report(world, area).pk, "key": "leadership.meetings"}


def _section(world, area):
    return {"pk": _report(world, area).sections.first().pk}


def _rectification(world, area):
    report = _report(world, area)
    report.status = "final"
    report.save()
    item = services.rectification_add(
        actor=None, report=report, problem="p", measure="m", deadline=datetime.date(2024, 6, 1)
    )
    return {"pk": item.pk}


CASES = [
    Case("reports:report_list", VIEWERS),
    Case("reports:report_create", CHANGERS),
    Case("reports:report_detail", VIEWERS, kwargs=_pk),
    Case("reports:report_html", VIEWERS, kwargs=_pk),
    Case("reports:report_figure", VIEWERS, kwargs=_figure),
    Case("reports:report_download", VIEWERS, kwargs=_download),
    Case("reports:report_pdf", VIEWERS, kwargs=_pdf),
    Case("reports:report_addressee", CHANGERS, method="post", kwargs=_pk),
    Case("reports:report_transition", CHANGERS, method="post", kwargs=_pk),
    Case("reports:section_add", CHANGERS, method="post", kwargs=_pk),
    Case("reports:suggestion_accept", CHANGERS, method="post", kwargs=_pk),
    Case("reports:rectification_add", CHANGERS, method="post", kwargs=_pk),
    Case("reports:section_update", CHANGERS, method="post", kwargs=_section, data={"version": 1}),
    Case("reports:section_preview", CHANGERS, method="post", kwargs=_section),
    Case("reports:section_move", CHANGERS, method="post", kwargs=_section),
    Case("reports:section_insert", CHANGERS, method="post", kwargs=_section),
    Case("reports:section_delete", CHANGERS, method="post", kwargs=_pk),
    Case("reports:figure_picker", CHANGERS, kwargs=_pk),
    Case("reports:rectification_close", CHANGERS, method="post", kwargs=_rectification),
    Case("reports:metric_list", VIEWERS),
    Case("reports:metric_evidence", VIEWERS, kwargs=lambda world, area: {"key": "leadership.meetings"}, scoped=False),
    Case("reports:county_rollup", VIEWERS),
    # A township's changers reach the page (it says they have no county) and the withdrawal is sent back with a
    # message; a county's own changers are tested in test_county_template.
    Case("reports:county_template", CHANGERS),
    Case("reports:county_template_withdraw", CHANGERS, method="post"),
    Case("reports:township_dashboard", VIEWERS),
    Case("reports:county_dashboard", VIEWERS),
    Case("api:report-list", VIEWERS),
    Case("api:report-detail", VIEWERS, kwargs=_pk),
]
