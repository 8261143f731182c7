import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Hash chain on the audit trail (schema; 0003 links the entries that already exist, 0004 tightens seq)."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0, verbose_name="最新序号")),
                (
                    "last_hash",
                    models.CharField(
                        default="0000000000000000000000000000000000000000000000000000000000000000",
                        max_length=64,
                        verbose_name="最新哈希",
                    ),
                ),
            ],
            options={"verbose_name": "审计链头", "verbose_name_plural": "审计链头"},
        ),
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "base_manager_name": "objects",
                "get_latest_by": "timestamp",
                "ordering": ["-timestamp"],
                "verbose_name": "审计记录",
                "verbose_name_plural": "审计记录",
            },
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="本条哈希"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash_algorithm",
            field=models.CharField(default="", editable=False, max_length=10, verbose_name="哈希算法"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="前序哈希"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="链序号"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="content type",
            ),
        ),
    ]
