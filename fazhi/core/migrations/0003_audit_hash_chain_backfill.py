from django.db import migrations


def link_existing_entries(apps, schema_editor):
    """Chain the entries written before the hash chain existed, in the order they were written."""
    from fazhi.core.audit import GENESIS_HASH, compute_hash, configured_algorithm

    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    db = schema_editor.connection.alias
    algorithm = configured_algorithm()
    prev_hash = GENESIS_HASH
    seq = 0
    batch = []
    for entry in AuditEntry.objects.using(db).order_by("timestamp", "id").iterator(chunk_size=2000):
        seq += 1
        entry.seq = seq
        entry.prev_hash = prev_hash
        entry.hash_algorithm = algorithm
        entry.entry_hash = compute_hash(entry)
        prev_hash = entry.entry_hash
        batch.append(entry)
        if len(batch) >= 500:
            AuditEntry.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash_algorithm", "entry_hash"])
            batch = []
    if batch:
        AuditEntry.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash_algorithm", "entry_hash"])
    AuditChainHead.objects.using(db).update_or_create(pk=1, defaults={"seq": seq, "last_hash": prev_hash})


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_hash_chain")]

    operations = [migrations.RunPython(link_existing_entries, migrations.RunPython.noop)]
