"""core.bulk.bulk_insert (COPY on PostgreSQL, bulk_create elsewhere) as the synthetic-data generators use it."""

from django.db import connection

from fazhi.core.bulk import bulk_insert
from fazhi.core.encryption import blind_index
from fazhi.people.models import Household, Resident
from fazhi.people.tests.conftest import make_id
from fazhi.people.validation import parse_id_number


def test_bulk_insert_returns_saved_rows_whose_encrypted_values_read_back(seeded):
    numbers = [make_id(seq=100 + i) for i in range(3)]
    household = bulk_insert(Household, [Household(area=seeded.grid, number="B-1", head_name="甲")])[0]
    rows = [
        Resident(area=seeded.grid, household=household, name=f"居民{i}", id_number=n, id_number_hash=blind_index(n),
                 birth_date=parse_id_number(n)[1], phone="13812345678", phone_hash=blind_index("13812345678"))
        for i, n in enumerate(numbers)
    ]  # fmt: skip
    saved = bulk_insert(Resident, rows)
    assert all(r.pk and not r._state.adding for r in saved)
    for resident, number in zip(saved, numbers, strict=True):
        stored = Resident.objects.get(pk=resident.pk)
        assert (stored.id_number, stored.phone, stored.household_id) == (number, "13812345678", household.pk)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id_number FROM people_resident WHERE id = %s", [resident.pk])
            assert number not in cursor.fetchone()[0]  # encrypted at rest, as on save()


def test_rows_created_after_a_bulk_insert_get_fresh_ids(seeded):
    inserted = bulk_insert(Household, [Household(area=seeded.grid, number=f"B-{i}", head_name="乙") for i in range(5)])
    later = Household.objects.create(area=seeded.grid, number="B-later", head_name="丙")
    assert later.pk > max(h.pk for h in inserted)
    assert Household.objects.filter(pk__in=[h.pk for h in inserted]).count() == 5
