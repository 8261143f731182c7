"""Bulk inserts for synthetic data: `bulk_create` everywhere, PostgreSQL's COPY where it runs.

COPY skips building one multi-row INSERT statement per batch, which is most of the time a bulk insert of
millions of rows spends in Django and the driver. COPY returns no ids, so they are drawn from the table's
sequence first and written explicitly: callers get saved objects with their pks, as from bulk_create.
Only for plain rows (no multi-table inheritance, no conflicts to ignore); values go through each field's
get_db_prep_save, so encrypted fields encrypt and JSON fields adapt exactly as on save().
"""

from django.db import connections, router
from django.db.models import Model

BATCH = 2000


def bulk_insert(model: type[Model], objs: list[Model], *, batch_size: int = BATCH) -> list[Model]:
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql" or not objs:
        return model.objects.using(using).bulk_create(objs, batch_size=batch_size)
    meta = model._meta
    fields = [f for f in meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    for obj in objs:
        obj._state.adding, obj._state.db = False, using
    return objs
