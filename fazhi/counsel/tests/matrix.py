import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.counsel.models import Adviser, Consultation, ContractReview, CourtAppearance, LegalCase, Opinion

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEGAL_STAFF})


def _adviser(world, area):
    adviser = Adviser.objects.create(
        area=area.parent.parent,
        name="律师",
        level="township",
        contract_from=datetime.date(2023, 1, 1),
        contract_to=datetime.date(2025, 12, 31),
    )
    return {"pk": adviser.pk}


def _opinion(world, area):
    adviser = Adviser.objects.get(pk=_adviser(world, area)["pk"])
    row = Opinion.objects.create(
        adviser=adviser, issued_on=datetime.date(2023, 3, 1), kind="legal_opinion", subject="意见"
    )
    return {"pk": row.pk}


def _consultation(world, area):
    row = Consultation.objects.create(area=area.parent, received_on=datetime.date(2023, 3, 1), topic="咨询")
    return {"pk": row.pk}


def _contract(world, area):
    row = ContractReview.objects.create(
        area=area.parent,
        title="合同",
        counterparty="某公司",
        drafting_unit="经发办",
        submitted_on=datetime.date(2023, 3, 1),
    )
    return {"pk": row.pk}


def _case_of(area) -> LegalCase:
    return LegalCase.objects.create(
        area=area.parent.parent,
        kind="litigation",
        case_number=f"（2023）渝0229行初{area.pk}号",
        claimant="张某",
        subject="行政处罚",
        filed_on=datetime.date(2023, 5, 1),
        organ="城口县人民法院",
    )


def _case(world, area):
    return {"pk": _case_of(area).pk}


def _appearance(world, area):
    row = CourtAppearance.objects.create(
        case=_case_of(area), hearing_on=datetime.date(2023, 6, 1), leader_name="王乡长", leader_post="乡长"
    )
    return {"pk": row.pk}


CASES = [
    Case("counsel:home", VIEWERS),
    Case("counsel:adviser_create", CHANGERS),
    Case("counsel:adviser_create", CHANGERS, method="post"),
    Case("counsel:adviser_detail", VIEWERS, kwargs=_adviser),
    Case("counsel:adviser_detail", CHANGERS, method="post", kwargs=_adviser, data={"action": "duty"}),
    Case("counsel:consultation_create", CHANGERS),
    Case("counsel:contract_list", VIEWERS),
    Case("counsel:contract_create", CHANGERS),
    Case("counsel:contract_create", CHANGERS, method="post"),
    Case("counsel:contract_detail", VIEWERS, kwargs=_contract),
    Case("counsel:contract_detail", CHANGERS, method="post", kwargs=_contract, data={"action": "sign"}),
    Case("counsel:legal_case_list", VIEWERS),
    Case("counsel:legal_case_create", CHANGERS),
    Case("counsel:legal_case_create", CHANGERS, method="post"),
    Case("counsel:legal_case_detail", VIEWERS, kwargs=_case),
    Case("counsel:legal_case_detail", CHANGERS, method="post", kwargs=_case, data={"action": "close"}),
    Case("api:counsel-contract-list", VIEWERS),
    Case("api:counsel-contract-detail", VIEWERS, kwargs=_contract),
    Case("api:counsel-legal-case-list", VIEWERS),
    Case("api:counsel-legal-case-detail", VIEWERS, kwargs=_case),
    Case("api:counsel-court-appearance-list", VIEWERS),
    Case("api:counsel-court-appearance-detail", VIEWERS, kwargs=_appearance),
    Case("api:counsel-opinion-list", VIEWERS),
    Case("api:counsel-opinion-detail", VIEWERS, kwargs=_opinion),
    Case("api:counsel-consultation-list", VIEWERS),
    Case("api:counsel-consultation-detail", VIEWERS, kwargs=_consultation),
]
