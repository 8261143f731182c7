import datetime
from decimal import Decimal

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.ledger.models import Entry, EntryValue, Measure, RecordType

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.GRID_ADMIN, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEGAL_STAFF})


def _type(world, area):
    township = area.parent.parent
    record_type = RecordType.objects.create(area=township, name=f"院坝会{township.pk}", section="publicity")
    Measure.objects.create(record_type=record_type, name="场次", unit="场次")
    return {"pk": record_type.pk}


def _entry(world, area):
    pk = _type(world, area)["pk"]
    record_type = RecordType.objects.get(pk=pk)
    entry = Entry.objects.create(record_type=record_type, area=area.parent, occurred_on=datetime.date(2023, 5, 1))
    EntryValue.objects.create(entry=entry, measure=record_type.measures.get(), value=Decimal(1))
    return {"pk": entry.pk}


CASES = [
    Case("ledger:type_list", VIEWERS),
    Case("ledger:type_create", CHANGERS),
    Case("ledger:type_create", CHANGERS, method="post"),
    Case("ledger:type_detail", VIEWERS, kwargs=_type),
    Case("ledger:type_detail", CHANGERS, method="post", kwargs=_type),
    Case("ledger:entry_create", CHANGERS, kwargs=_type),
    Case("ledger:entry_create", CHANGERS, method="post", kwargs=_type),
    Case("api:ledger-entry-list", VIEWERS),
    Case("api:ledger-entry-detail", VIEWERS, kwargs=_entry),
]
