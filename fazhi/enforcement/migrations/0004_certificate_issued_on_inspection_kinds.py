from django.db import migrations, models
from django.utils import timezone


def fill_issued_on(apps, schema_editor):
    """Officers registered before the issue date was asked for get the day their record was created: the
    certificate was held by then at the latest, and no earlier date is known. A certificate that had already
    expired when entered gets its expiry day instead, so no issue date falls after expiry."""
    Officer = apps.get_model("enforcement", "Officer")
    batch = []
    for officer in Officer.objects.only("pk", "created_at", "certificate_valid_until").iterator(chunk_size=2000):
        created = timezone.localtime(officer.created_at).date()
        officer.certificate_issued_on = min(created, officer.certificate_valid_until)
        batch.append(officer)
        if len(batch) >= 2000:
            Officer.objects.bulk_update(batch, ["certificate_issued_on"])
            batch = []
    Officer.objects.bulk_update(batch, ["certificate_issued_on"])


class Migration(migrations.Migration):

    dependencies = [
        ("enforcement", "0003_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="officer",
            name="certificate_issued_on",
            field=models.DateField(null=True, verbose_name="发证日期"),
        ),
        migrations.RunPython(fill_issued_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="officer",
            name="certificate_issued_on",
            field=models.DateField(verbose_name="发证日期"),
        ),
        migrations.AddConstraint(
            model_name="officer",
            constraint=models.CheckConstraint(
                condition=models.Q(("certificate_issued_on__lte", models.F("certificate_valid_until"))),
                name="enforcement_officer_certificate_issued_before_expiry",
                violation_error_message="发证日期不能晚于执法证有效期。",
            ),
        ),
        migrations.AlterField(
            model_name="inspection",
            name="kind",
            field=models.CharField(
                choices=[
                    ("special", "专项督查"),
                    ("file_review", "案卷评查"),
                    ("routine", "日常检查"),
                    ("joint", "联合执法检查"),
                    ("inspection", "执法检查"),
                ],
                max_length=20,
                verbose_name="类别",
            ),
        ),
    ]
