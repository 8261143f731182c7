"""Bulk inserts: `bulk_insert` for synthetic data (COPY on PostgreSQL), `insert_rows` for the resident import.

COPY skips building one multi-row INSERT statement per batch, which is most of the time a bulk insert of
millions of rows spends in Django and the driver. COPY returns no ids, so they are drawn from the table's
sequence first and written explicitly: callers get saved objects with their pks, as from bulk_create.
Only for plain rows (no multi-table inheritance, no conflicts to ignore); values go through each field's
get_db_prep_save, so encrypted fields encrypt and JSON fields adapt exactly as on save().
"""

from django.db import connections, models, router
from django.db.models import Model

BATCH = 2000


def bulk_insert(model: type[Model], objs: list[Model], *, batch_size: int = BATCH) -> list[Model]:
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql" or not objs:
        return model.objects.using(using).bulk_create(objs, batch_size=batch_size)
    meta = model._meta
    fields = list(meta.concrete_fields)
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


def insert_rows(model: type[Model], attnames: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT `rows` (tuples of values for the columns `attnames`) with COPY on PostgreSQL and one executemany
    elsewhere; every other column gets what save() would give it (its default; auto_now/auto_now_add the time of
    this batch). For models whose primary key the database assigns (an auto-increment id), as Household and Resident.

    The same values bulk_create would write, without its per-row, per-field statement building: character and
    foreign-key values (already str/int here) are written as they are, which is what their get_db_prep_save
    returns; every other given column (dates, encrypted fields) still goes through its field's get_db_prep_save.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    given = [fields[a] for a in attnames]
    rest = [f for a, f in fields.items() if a not in attnames]
    template = model()
    constants = tuple(f.get_db_prep_save(f.pre_save(template, True), connection) for f in rest)
    convert = [
        (i, f.get_db_prep_save)
        for i, f in enumerate(given)
        if not isinstance(f, models.CharField | models.ForeignKey)  # EncryptedTextField is a TextField
    ]
    params = []
    for row in rows:
        values = list(row)
        for i, prep in convert:
            values[i] = prep(values[i], connection)
        values.extend(constants)
        params.append(values)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in [*given, *rest])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
            return
        placeholders = ", ".join(["%s"] * (len(given) + len(rest)))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", params)
