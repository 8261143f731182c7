import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.enforcement.models import EnforcementCase, Inspection, JointAction

CASES = "/api/v1/enforcement/cases/"
INSPECTIONS = "/api/v1/enforcement/inspections/"
JOINT = "/api/v1/enforcement/joint-actions/"


@pytest.fixture
def officer(world):
    return staff_at(world.other_township, role=Role.ENFORCER)


def test_a_case_is_opened_through_the_service_and_its_party_is_not_read_back(client, world, officer):
    data = {"area": world.other_township.pk, "title": "违规占道经营", "case_type": "penalty", "opened_on": "2026-05-04",
            "party": "某商户", "status": "decided", "conclusion": "罚款"}  # fmt: skip
    response = post_as(client, officer, CASES, data)
    assert response.status_code == 201, response.content
    case = EnforcementCase.objects.get(pk=response.json()["id"])
    # Status and conclusion come from the workflow, never from the caller; the party is stored, not shown.
    assert case.status == "open" and not case.conclusion and case.party == "某商户"
    assert "party" not in response.json() and "某商户" not in response.content.decode()
    assert audited_creation(case, officer)


def test_cases_refuse_another_role_another_township_and_bad_input(client, world, officer):
    data = {"area": world.other_township.pk, "title": "违规占道经营", "case_type": "penalty", "opened_on": "2026-05-04"}
    assert post_as(client, world.user(Role.GRID_MEMBER), CASES, data).status_code == 403
    assert post_as(client, officer, CASES, {**data, "area": world.township.pk}).status_code == 403
    response = post_as(client, officer, CASES, {"area": world.other_township.pk, "case_type": "fine", "opened_on": "x"})
    assert_field_errors_in_chinese(response, {"title", "case_type", "opened_on"})
    assert not EnforcementCase.objects.exists()


def test_an_inspection_and_a_joint_action_are_recorded(client, world, officer):
    inspection = {"area": world.other_township.pk, "kind": "file_review", "held_on": "2026-06-01",
                  "scope": "2025年行政处罚案卷", "inspector": "县司法局", "files_inspected": 12}  # fmt: skip
    response = post_as(client, officer, INSPECTIONS, inspection)
    assert response.status_code == 201, response.content
    assert audited_creation(Inspection.objects.get(pk=response.json()["id"]), officer)
    assert post_as(client, officer, INSPECTIONS, {**inspection, "area": world.foreign_grid.pk}).status_code == 403
    bad = post_as(client, officer, INSPECTIONS, {**inspection, "kind": "x", "files_inspected": -1})
    assert_field_errors_in_chinese(bad, {"kind", "files_inspected"})
    assert Inspection.objects.count() == 1

    joint = {"area": world.other_township.pk, "held_on": "2026-06-02", "departments": "市场监管所，综合执法队",
             "subject": "食品安全联合检查"}  # fmt: skip
    response = post_as(client, officer, JOINT, joint)
    assert response.status_code == 201, response.content
    assert JointAction.objects.get().departments == "市场监管所、综合执法队"  # normalised by the service
    assert_field_errors_in_chinese(post_as(client, officer, JOINT, {**joint, "departments": "市场监管所"}),
                                   {"departments"})  # fmt: skip
    assert JointAction.objects.count() == 1
