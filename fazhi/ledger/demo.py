"""Demo ledger for 治平乡 2023: two township-defined record types (联合执法, 法治文艺演出) with entries.
Illustrative; idempotent."""

import datetime
from decimal import Decimal

from fazhi.ledger import services
from fazhi.ledger.choices import Section
from fazhi.ledger.models import Entry, RecordType

D = datetime.date

TYPES = [
    (
        "联合执法",
        Section.ADMINISTRATION,
        [("行动", "次"), ("出动人员", "人次")],
        [("牵头单位", True)],
        [(D(2023, 4, 12), None, [2, 14], "乡综合行政执法办"), (D(2023, 9, 6), None, [1, 9], "县市场监管局")],
    ),
    (
        "法治文艺演出",
        Section.PUBLICITY,
        [("演出", "场次"), ("观众", "人次")],
        [],
        [(D(2023, 2, 3), 0, [1, 160], ""), (D(2023, 10, 1), 2, [1, 210], "")],
    ),
]


def load(context: dict) -> None:
    township = context["township"]
    villages = context["villages"]
    for name, section, measures, fields, entries in TYPES:
        record_type = RecordType.objects.filter(area=township, name=name).first() or services.record_type_create(
            actor=None, area=township, name=name, section=section, measures=measures, fields=fields
        )
        if Entry.objects.filter(record_type=record_type).exists():
            continue
        measure_ids = list(record_type.measures.order_by("order").values_list("pk", flat=True))
        field_ids = list(record_type.fields.order_by("order").values_list("pk", flat=True))
        for occurred_on, village_index, values, lead in entries:
            services.entry_create(
                actor=None,
                record_type=record_type,
                area=township if village_index is None else villages[village_index][0],
                occurred_on=occurred_on,
                values={pk: Decimal(v) for pk, v in zip(measure_ids, values, strict=True)},
                extra={field_ids[0]: lead} if field_ids else {},
            )
