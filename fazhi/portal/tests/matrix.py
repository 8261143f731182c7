from fazhi.accounts.roles import Role
from fazhi.areas.testing import ALL_ROLES, Case
from fazhi.portal.choices import RequestKind
from fazhi.portal.models import PublicRequest
from fazhi.portal.services import new_code

# The public site: anyone, signed in or not, gets the page.
PUBLIC = {"anonymous_allowed": True, "allowed": ALL_ROLES}
GRID_VIEWERS = frozenset(
    {Role.LEADER, Role.LEGAL_STAFF, Role.GRID_ADMIN, Role.VILLAGE_CADRE, Role.GRID_MEMBER, Role.SUPERVISOR}
)


def _township(world, area):
    return {"pk": world.township.pk}


def _request(world, area):
    request = PublicRequest.objects.create(
        area=area, code=new_code(), kind=RequestKind.MATTER, description="路灯坏了，请修理。"
    )
    return {"pk": request.pk}


def _code(world, area):
    request = PublicRequest.objects.create(
        area=area, code=new_code(), kind=RequestKind.MATTER, description="路灯坏了，请修理。", phone="13800001234"
    )
    return {"code": request.code}


def _report(world, area):
    import datetime

    from fazhi.reports.choices import ReportStatus
    from fazhi.reports.models import Report

    report = Report.objects.create(
        area=world.township,
        year=2023,
        title="治平乡2023年法治政府建设年度报告",
        status=ReportStatus.PUBLISHED,
        published_on=datetime.date(2024, 3, 20),
    )
    return {"pk": report.pk}


def _decision(world, area):
    import datetime

    from fazhi.decisions.models import Decision

    decision = Decision.objects.create(
        area=world.township,
        title="治平乡集镇垃圾中转站选址",
        year=2024,
        catalogued=True,
        published_on=datetime.date(2024, 1, 10),
    )
    return {"pk": decision.pk}


def _published_posting(world, attachments=()):
    import datetime

    from fazhi.disclosure.services import board_create, posting_create, posting_publish

    board = board_create(
        actor=None,
        area=world.village,
        category="finance",
        frequency="monthly",
        location="村委会门口",
        established_on=datetime.date(2023, 1, 1),
    )
    posting = posting_create(
        actor=None,
        board=board,
        title="4月财务收支",
        text="收入1200元",
        period_end=datetime.date(2023, 4, 30),
        posted_on=datetime.date(2023, 5, 8),
        attachments=attachments,
    )
    return posting_publish(actor=None, posting=posting, on=datetime.date(2023, 5, 8))


def _posting(world, area):
    return {"pk": _published_posting(world).pk}


def _posting_file(world, area):
    from fazhi.portal.tests.helpers import png

    posting = _published_posting(world, [png("明细.png")])
    return {"pk": posting.pk, "file": posting.attachments.get().pk}


CASES = [
    Case("portal:index", **PUBLIC),
    Case("portal:area", kwargs=_township, scoped=False, **PUBLIC),
    Case("portal:decision", kwargs=_decision, scoped=False, **PUBLIC),
    Case("portal:posting", kwargs=_posting, scoped=False, **PUBLIC),
    Case("portal:posting_attachment", kwargs=_posting_file, scoped=False, **PUBLIC),
    Case("portal:help", **PUBLIC),
    Case("portal:report", kwargs=_report, scoped=False, **PUBLIC),
    Case("portal:report_pdf", kwargs=_report, scoped=False, **PUBLIC),  # PDF, or back to the page if none
    Case("portal:submit", **PUBLIC),
    Case("portal:submit_done", **PUBLIC),  # without a fresh submission: redirect to the look-up
    Case("portal:track", **PUBLIC),
    # Without a verified look-up in this session: redirect to the look-up form, never the request.
    Case("portal:track_detail", kwargs=_code, scoped=False, **PUBLIC),
    Case("portal:track_rate", method="post", kwargs=_code, scoped=False, **PUBLIC),
    Case("portal:open311_services", **PUBLIC),
    Case("portal:open311_service", kwargs=lambda world, area: {"service_code": "mediation"}, scoped=False, **PUBLIC),
    Case("portal:open311_requests", **PUBLIC),  # GET: always an empty list (POST is tested in test_open311.py)
    Case("portal:open311_request", kwargs=_code, scoped=False, data={"phone_last4": "1234"}, **PUBLIC),
    Case("portal:request_list", allowed=GRID_VIEWERS),
    Case("portal:request_detail", allowed=GRID_VIEWERS, kwargs=_request),
]
