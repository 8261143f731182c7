import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from fazhi.accounts.roles import Role
from fazhi.enforcement.models import CaseEvent, CaseStatus, EnforcementCase, Officer
from fazhi.enforcement.services import case_transition

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def officers(world):
    return [
        Officer.objects.create(
            area=world.township, name="张执法", certificate_no="50022900001", certificate_valid_until=D(2025, 12, 31)
        ),
        Officer.objects.create(
            area=world.township, name="李执法", certificate_no="50022900002", certificate_valid_until=D(2023, 3, 31)
        ),
        Officer.objects.create(
            area=world.township, name="王执法", certificate_no="50022900003", certificate_valid_until=D(2026, 6, 30)
        ),
    ]


@pytest.fixture
def enforcer(world):
    return world.user(Role.ENFORCER)


def _case(world, officers, *, major=False):
    case = EnforcementCase.objects.create(area=world.township, title="违规占道经营", is_major=major)
    case.officers.set(officers)
    return case


def test_refuses_one_officer_or_expired_certificate(world, officers, enforcer):
    case = _case(world, officers[:2])  # 李执法's certificate expired 2023-03-31
    with pytest.raises(ValidationError, match=r"不得少于两人.*有效持证人员1人"):
        case_transition(actor=enforcer, case=case, action="decide", on=D(2023, 5, 8))
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.decided_on is None and not CaseEvent.objects.exists()


def test_refuses_major_decision_without_legal_review(world, officers, enforcer):
    case = _case(world, [officers[0], officers[2]], major=True)
    with pytest.raises(ValidationError, match="未经法制审核，不得作出决定"):
        case_transition(actor=enforcer, case=case, action="decide", on=D(2023, 5, 8))
    case_transition(actor=enforcer, case=case, action="legal_review", on=D(2023, 5, 8))
    case = case_transition(actor=enforcer, case=case, action="decide", on=D(2023, 5, 9))
    assert case.status == CaseStatus.DECIDED


def test_publication_due_seven_working_days(world, officers, enforcer):
    case = _case(world, [officers[0], officers[2]])
    case = case_transition(actor=enforcer, case=case, action="decide", on=D(2023, 5, 8))  # Monday
    assert case.publication_due == D(2023, 5, 17)
    case = case_transition(actor=enforcer, case=case, action="publish", on=D(2023, 5, 10))
    assert list(case.events.values_list("action", flat=True)) == ["decide", "publish"]
    with pytest.raises(ValidationError, match="不能执行“公示”"):
        case_transition(actor=enforcer, case=case, action="publish", on=D(2023, 5, 11))


def test_user_without_change_right_refused(world, officers):
    case = _case(world, [officers[0], officers[2]])
    with pytest.raises(PermissionDenied):
        case_transition(actor=world.user(Role.SUPERVISOR), case=case, action="decide", on=D(2023, 5, 8))


def test_workbench_expired_certificate_and_foreign_scope(world, officers, enforcer):
    from fazhi.enforcement.workbench import items

    Officer.objects.create(
        area=world.township, name="周执法", certificate_no="50022900009", certificate_valid_until=D(2099, 1, 1)
    )
    found = {i.title: i for i in items(enforcer)}
    assert found["执法证即将到期：李执法"].overdue and "执法证即将到期：周执法" not in found
    assert items(world.user(Role.MEDIATOR)) == []
    other = EnforcementCase.objects.create(area=world.foreign_grid, title="外县案件")
    with pytest.raises(Http404):
        case_transition(actor=enforcer, case=other, action="decide", on=D(2023, 5, 8))


def test_demo_idempotent(world):
    from fazhi.enforcement import demo

    demo.load({"township": world.township})
    demo.load({"township": world.township})
    assert Officer.objects.count() == 3
