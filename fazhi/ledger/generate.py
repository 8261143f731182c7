"""Synthetic 工作台账 for benchmarks, like the demo: every township defines the demo's two record types (联合执法 with
its required 牵头单位, 法治文艺演出) and records two entries of each a year, at the township or in a village, with
figures around the demo's. Each measure is a report metric, so the registry is re-synced once the rows commit, as
`record_type_create` does. Bulk inserts; see fazhi/people/generate.py."""

from decimal import Decimal

from django.db import transaction

from fazhi.ledger.demo import TYPES
from fazhi.ledger.metrics import sync_ledger_metrics
from fazhi.ledger.models import Entry, EntryValue, FieldDef, Measure, RecordType
from fazhi.people.generate import area_random, day_in, years

BATCH = 2000
LEADS = ["乡综合行政执法办", "县市场监管局", "县交通运输局", "乡应急管理办"]


def generate(context: dict) -> None:
    spans = years(context)
    types, measures, fields, entries = [], [], [], []
    for township in context["townships"]:
        rng = area_random(context, township, __name__)
        villages = [v for v in context["villages"] if v.parent_id == township.pk]
        for type_name, section, demo_measures, demo_fields, demo_entries in TYPES:
            record_type = RecordType(area=township, name=type_name, section=section)
            types.append(record_type)
            its_measures = [
                Measure(record_type=record_type, name=m, unit=unit, order=i)
                for i, (m, unit) in enumerate(demo_measures)
            ]
            its_fields = [
                FieldDef(record_type=record_type, name=f, required=required, order=i)
                for i, (f, required) in enumerate(demo_fields)
            ]
            measures += its_measures
            fields += its_fields
            for year in spans:
                for _on, village_index, values, lead in demo_entries:
                    entry = Entry(
                        record_type=record_type,
                        area=township if village_index is None else rng.choice(villages),
                        occurred_on=day_in(rng, year),
                        note="",
                    )
                    # Every measure gets a value and every required field its text (entry_create's checks).
                    figures = [max(1, round(v * rng.uniform(0.5, 1.5))) for v in values]
                    entries.append((entry, its_measures, figures, its_fields, lead and rng.choice(LEADS)))
    RecordType.objects.bulk_create(types, batch_size=BATCH)
    Measure.objects.bulk_create(measures, batch_size=BATCH)
    FieldDef.objects.bulk_create(fields, batch_size=BATCH)
    for entry, _m, _v, its_fields, lead in entries:
        entry.extra = {str(its_fields[0].pk): lead} if its_fields and lead else {}
    Entry.objects.bulk_create([e for e, *_rest in entries], batch_size=BATCH)
    EntryValue.objects.bulk_create(
        [
            EntryValue(entry=entry, measure=m, value=Decimal(v))
            for entry, its_measures, figures, _f, _l in entries
            for m, v in zip(its_measures, figures, strict=True)
        ],
        batch_size=BATCH,
    )
    transaction.on_commit(sync_ledger_metrics)
