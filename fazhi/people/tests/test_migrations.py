"""The migrations that take the plaintext birth date out of the resident table, run over a resident of the old shape."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.areas.testing import build_world
from fazhi.people.models import Resident
from fazhi.people.tests.conftest import make_id

BEFORE = [("people", "0002_importjob")]
# The latest people migration, not 0005: the test reads back through today's model (0006 adds its version).
AFTER = [("people", "0006_versions")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _columns() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_resident")
        names = [c[0] for c in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


@pytest.mark.django_db(transaction=True)
def test_existing_birth_dates_move_into_the_encrypted_column_and_masks_lose_the_region_code():
    world = build_world()
    number = make_id("19631105", 457)
    old = _migrate(BEFORE).get_model("people", "Resident")
    old.objects.create(
        area_id=world.grid.pk,
        name="张三",
        sex="male",
        birth_date=datetime.date(1963, 11, 5),
        id_number=number,
        id_number_masked=number[:6] + "********" + number[-4:],
    )
    try:
        _migrate(AFTER)
        raw = _columns()
        assert "birth_date_sealed" not in raw and raw["birth_year"] == 1963
        assert raw["birth_date"].startswith("AES-GCM$") and "1963" not in raw["birth_date"]
        assert raw["id_number_masked"] == "*" * 16 + number[-2:]
        resident = Resident.objects.get()
        assert (resident.birth_date, resident.id_number) == (datetime.date(1963, 11, 5), number)

        _migrate(BEFORE)  # and back, for a rollback
        raw = _columns()
        assert str(raw["birth_date"]) == "1963-11-05"
        assert raw["id_number_masked"] == number[:6] + "********" + number[-4:]
    finally:
        _migrate(AFTER)
