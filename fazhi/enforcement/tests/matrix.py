import datetime

from django.core.files.base import ContentFile

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.enforcement.models import (
    CaseRecord,
    EnforcementCase,
    Inspection,
    JointAction,
    Officer,
    Publication,
    TrainingRecord,
)

D = datetime.date
VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.ENFORCER, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEGAL_STAFF, Role.ENFORCER})


def _township(area):
    return area.parent.parent


def _officer(world, area):
    officer = Officer.objects.create(
        area=_township(area),
        name="执法员",
        certificate_no=f"NO{area.pk}",
        certificate_issued_on=D(2019, 1, 1),
        certificate_valid_until=D(2099, 1, 1),
    )
    TrainingRecord.objects.create(officer=officer, on=D(2023, 3, 1), hours=8, topic="培训")
    return {"pk": officer.pk}


def _new_case(area):
    return EnforcementCase.objects.create(area=_township(area), title="占道经营", opened_on=D(2023, 3, 1))


def _case(world, area):
    case = _new_case(area)
    Publication.objects.create(case=case, kind="decision", title="公示", text="结论", due_on=D(2023, 3, 10))
    return {"pk": case.pk}


def _record(world, area):
    record = CaseRecord.objects.create(
        case=_new_case(area),
        step="start",
        kind="document",
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        name="a.pdf",
        size=8,
    )
    return {"pk": record.pk}


def _inspection(world, area):
    inspection = Inspection.objects.create(
        area=_township(area), kind="file_review", held_on=D(2023, 11, 1), scope="案卷", inspector="司法局"
    )
    return {"pk": inspection.pk}


def _joint_action(world, area):
    row = JointAction.objects.create(area=_township(area), held_on=D(2023, 8, 1), departments="甲、乙", subject="整治")
    return {"pk": row.pk}


def _publication(world, area):
    return {"pk": Publication.objects.get(case_id=_case(world, area)["pk"]).pk}


def _training(world, area):
    return {"pk": TrainingRecord.objects.get(officer_id=_officer(world, area)["pk"]).pk}


CASES = [
    Case("enforcement:case_list", VIEWERS),
    Case("enforcement:case_create", CHANGERS),
    Case("enforcement:case_create", CHANGERS, method="post"),
    Case("enforcement:case_detail", VIEWERS, kwargs=_case),
    Case("enforcement:case_detail", CHANGERS, method="post", kwargs=_case, data={"action": "decide"}),
    Case("enforcement:case_record_download", VIEWERS, kwargs=_record),
    Case("enforcement:officer_list", VIEWERS),
    Case("enforcement:officer_create", CHANGERS),
    Case("enforcement:officer_create", CHANGERS, method="post"),
    Case("enforcement:officer_detail", VIEWERS, kwargs=_officer),
    Case("enforcement:officer_detail", CHANGERS, method="post", kwargs=_officer),
    Case("enforcement:officer_update", CHANGERS, kwargs=_officer),
    Case("enforcement:officer_update", CHANGERS, method="post", kwargs=_officer),
    Case("enforcement:inspection_list", VIEWERS),
    Case("enforcement:inspection_create", CHANGERS),
    Case("enforcement:inspection_detail", VIEWERS, kwargs=_inspection),
    Case("enforcement:inspection_detail", CHANGERS, method="post", kwargs=_inspection, data={"action": "problem"}),
    Case("enforcement:joint_action_list", VIEWERS),
    Case("enforcement:joint_action_create", CHANGERS),
    Case("api:enforcement-officer-list", VIEWERS),
    Case("api:enforcement-officer-detail", VIEWERS, kwargs=_officer),
    Case("api:enforcement-training-list", VIEWERS),
    Case("api:enforcement-training-detail", VIEWERS, kwargs=_training),
    Case("api:enforcement-case-list", VIEWERS),
    Case("api:enforcement-case-detail", VIEWERS, kwargs=_case),
    Case("api:enforcement-publication-list", VIEWERS),
    Case("api:enforcement-publication-detail", VIEWERS, kwargs=_publication),
    Case("api:enforcement-inspection-list", VIEWERS),
    Case("api:enforcement-inspection-detail", VIEWERS, kwargs=_inspection),
    Case("api:enforcement-joint-action-list", VIEWERS),
    Case("api:enforcement-joint-action-detail", VIEWERS, kwargs=_joint_action),
]
