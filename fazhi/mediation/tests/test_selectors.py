import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.mediation import selectors, services
from fazhi.mediation.choices import BodyKind, Tier

from .conftest import make_dispute

D = datetime.date


def test_a_mediator_sees_the_disputes_they_are_assigned_to_and_their_bodys_but_no_others(world, studio, mediator):
    committee = services.body_create(actor=None, area=world.township, name="乡调委会", kind=BodyKind.TOWNSHIP_COMMITTEE)
    colleague = services.mediator_create(actor=None, area=world.township, name="何乡贤", kind="worthy", body=studio)
    other = services.mediator_create(
        actor=None, area=world.township, name="林司法", kind="justice_staff", body=committee
    )
    assigned_elsewhere = make_dispute(world, title="指派给我", body=committee, mediators=[mediator, other])
    studio_case = make_dispute(world, title="工作室案件", body=studio, mediators=[colleague])
    unrelated = make_dispute(world, title="与我无关", body=committee, mediators=[other])
    user = world.user(Role.MEDIATOR)

    seen = set(selectors.dispute_list(user=user).values_list("title", flat=True))
    assert seen == {"指派给我", "工作室案件"}
    # legal staff at the same township keep their area scope
    assert set(selectors.dispute_list(user=world.user(Role.LEGAL_STAFF)).values_list("pk", flat=True)) == {
        assigned_elsewhere.pk,
        studio_case.pk,
        unrelated.pk,
    }


def test_a_mediator_without_a_roster_entry_sees_no_disputes(world, studio, mediator):
    make_dispute(world, body=studio, mediators=[mediator])
    stranger = make_user("u_med2", role=Role.MEDIATOR, area=world.township)
    assert selectors.dispute_list(user=stranger).count() == 0


def test_a_mediator_who_is_also_a_village_cadre_keeps_the_village_scope(world, studio, mediator):
    from fazhi.areas.services import post_grant

    user = world.user(Role.MEDIATOR)
    post_grant(actor=None, user=user, role=Role.VILLAGE_CADRE, area=world.village, valid_from=D(2020, 1, 1))
    user = type(user).objects.get(pk=user.pk)
    village_case = make_dispute(world, tier=Tier.SIMPLE, title="村里的")
    assert village_case in selectors.dispute_list(user=user)


def test_the_summary_counts_tiers_success_rate_and_the_village_share(world, studio, village_body, mediator):
    from fazhi.core.metrics import Period
    from fazhi.mediation.choices import DisputeStatus
    from fazhi.mediation.services import AgreementInput

    def close(d, status=DisputeStatus.RESOLVED, on=None):
        on = on or D(2023, 3, 11)
        agreement = AgreementInput(facts="", terms="和解", performance_method="当场", performance_due=on)
        services.dispute_close(
            actor=None,
            dispute=d,
            status=status,
            on=on,
            agreement=agreement if status == "resolved" else None,
            reason="不成",
        )

    close(make_dispute(world, tier=Tier.SIMPLE, body=village_body))
    close(make_dispute(world, body=studio, mediators=[mediator]))
    close(make_dispute(world, body=studio, mediators=[mediator]), status=DisputeStatus.FAILED)
    make_dispute(world, body=studio, mediators=[mediator])  # still open
    summary = selectors.summary(area=world.township, period=Period.year(2023))
    assert summary["received"] == 4 and summary["closed"] == 3 and summary["resolved"] == 2
    assert summary["success_rate"] == 66.7
    assert summary["in_village_share"] == 50.0
    assert summary["avg_days"] == 10.0
