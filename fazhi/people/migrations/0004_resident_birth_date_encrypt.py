"""Second of three: move every plaintext birth date into the encrypted column (its year into birth_year), clear the
plaintext column, and re-mask every 身份证号 to its last 2 characters.

The former mask kept the first 6 (地址码) and last 4 characters and hid exactly the 出生日期码 stored beside it
(个人信息保护法 第五十一条; GB/T 35273-2020 3.14). The mask rule is written out here, not imported, so that this
migration keeps doing what it did when the rule in fazhi.core.encryption changes.
"""

from django.db import migrations

BATCH = 1000
SHOWN = 2


def _mask(value: str) -> str:
    if not value:
        return ""
    if len(value) <= SHOWN * 2:
        return "*" * len(value)
    return "*" * (len(value) - SHOWN) + value[-SHOWN:]


def seal(apps, schema_editor):
    Resident = apps.get_model("people", "Resident")
    db = schema_editor.connection.alias
    qs = Resident.objects.using(db).order_by("pk").only("pk", "birth_date", "id_number", "id_number_masked")
    batch = []
    for resident in qs.iterator(chunk_size=BATCH):
        resident.birth_date_sealed = resident.birth_date
        resident.birth_year = resident.birth_date.year if resident.birth_date else None
        resident.birth_date = None
        resident.id_number_masked = _mask(resident.id_number or "")
        batch.append(resident)
        if len(batch) >= BATCH:
            _write(Resident, db, batch)
            batch = []
    _write(Resident, db, batch)


def _write(Resident, db, batch) -> None:
    if batch:
        fields = ["birth_date", "birth_date_sealed", "birth_year", "id_number_masked"]
        Resident.objects.using(db).bulk_update(batch, fields)


def unseal(apps, schema_editor):
    # Back to the old shape (plaintext date, first-6 + last-4 mask): only to undo the migration on a copy.
    Resident = apps.get_model("people", "Resident")
    db = schema_editor.connection.alias
    for resident in Resident.objects.using(db).order_by("pk").iterator(chunk_size=BATCH):
        number = resident.id_number or ""
        masked = number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else "*" * len(number)
        Resident.objects.using(db).filter(pk=resident.pk).update(
            birth_date=resident.birth_date_sealed, birth_date_sealed=None, birth_year=None, id_number_masked=masked
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_resident_birth_date_sealed"),
    ]

    operations = [migrations.RunPython(seal, unseal)]
