import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.core.dictionaries import dictionary_seed

D = datetime.date
VIEWERS = frozenset(
    {Role.LEADER, Role.LEGAL_STAFF, Role.GRID_ADMIN, Role.VILLAGE_CADRE, Role.MEDIATOR, Role.SUPERVISOR}
)
CHANGERS = VIEWERS - {Role.SUPERVISOR}
# Turning a matter into a dispute needs mediation.change and the right to read grid matters.
FROM_MATTER = CHANGERS - {Role.MEDIATOR}


def _dispute(world, area, *, close=False):
    from fazhi.mediation import services
    from fazhi.mediation.services import AgreementInput, PartyInput

    dictionary_seed()
    township = area.parent.parent
    body = services.body_create(actor=None, area=township, name=f"工作室{area.pk}", kind="studio")
    mediator = services.mediator_create(
        actor=None, area=township, name="调解员", kind="full_time", body=body, user=world.user(Role.MEDIATOR)
    )
    dispute = services.dispute_create(
        actor=None,
        area=area,
        title="纠纷",
        dispute_type="neighbour",
        tier="simple",
        source="walk_in",
        parties=[PartyInput(name="张三"), PartyInput(name="李四", role="respondent")],
        received_on=D(2023, 3, 1),
        mediators=[mediator],
    )
    if close:
        services.dispute_close(
            actor=None,
            dispute=dispute,
            status="resolved",
            on=D(2023, 3, 2),
            agreement=AgreementInput(
                facts="事实", terms="条款", performance_method="当面", performance_due=D(2023, 3, 9)
            ),
        )
    return dispute


def _detail(world, area):
    return {"pk": _dispute(world, area).pk}


def _docx(world, area):
    return {"pk": _dispute(world, area, close=True).pk}


def _session_action(world, area):
    return {"pk": _dispute(world, area).pk, "action": "session"}


def _close_action(world, area):
    return {"pk": _dispute(world, area).pk, "action": "close"}


def _session(world, area):
    from fazhi.mediation.models import Session

    dispute = _dispute(world, area)
    return {"pk": Session.objects.create(dispute=dispute, held_on=D(2023, 3, 2), place="村委会", notes="调解").pk}


def _matter(world, area):
    from fazhi.grid import services as grid_services

    dictionary_seed()
    matter = grid_services.matter_create(
        actor=None, area=area, category="dispute", description="相邻纠纷", source="walk_in", raised_by_text="王五"
    )
    return {"matter_pk": matter.pk}


SESSION_DATA = {"session-held_on": "2023-03-05", "session-place": "村委会", "session-notes": "调解一次"}

CASES = [
    Case("mediation:dispute_list", VIEWERS),
    Case("mediation:dispute_create", CHANGERS),
    Case("mediation:dispute_create", CHANGERS, method="post"),
    Case("mediation:dispute_create_from_matter", FROM_MATTER, kwargs=_matter),
    Case("mediation:dispute_detail", VIEWERS, kwargs=_detail),
    Case("mediation:dispute_action", CHANGERS, method="post", kwargs=_session_action, data=SESSION_DATA),
    Case("mediation:dispute_action", CHANGERS, kwargs=_close_action),  # a panel's form, fetched when opened
    Case("mediation:agreement_docx", VIEWERS, kwargs=_docx),
    Case("mediation:roster", VIEWERS),
    Case("mediation:roster", CHANGERS, method="post"),
    Case("mediation:stats", VIEWERS),
    Case("api:mediation-dispute-list", VIEWERS),
    Case("api:mediation-dispute-detail", VIEWERS, kwargs=_detail),
    Case("api:mediation-session-list", VIEWERS),
    Case("api:mediation-session-detail", VIEWERS, kwargs=_session),
]
