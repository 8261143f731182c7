import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.counsel.models import Adviser, Consultation

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEGAL_STAFF})


def _adviser(world, area):
    adviser = Adviser.objects.create(
        area=area.parent.parent,
        name="律师",
        contract_from=datetime.date(2023, 1, 1),
        contract_to=datetime.date(2025, 12, 31),
    )
    return {"pk": adviser.pk}


def _consultation(world, area):
    row = Consultation.objects.create(area=area.parent, received_on=datetime.date(2023, 3, 1), topic="咨询")
    return {"pk": row.pk}


CASES = [
    Case("counsel:home", VIEWERS),
    Case("counsel:adviser_create", CHANGERS),
    Case("counsel:adviser_create", CHANGERS, method="post"),
    Case("counsel:adviser_detail", VIEWERS, kwargs=_adviser),
    Case("counsel:adviser_detail", CHANGERS, method="post", kwargs=_adviser, data={"action": "duty"}),
    Case("counsel:consultation_create", CHANGERS),
    Case("api:counsel-consultation-list", VIEWERS),
    Case("api:counsel-consultation-detail", VIEWERS, kwargs=_consultation),
]
