from django.db import migrations, models
from django.db.models import F


def happened_when_registered(apps, schema_editor):
    """Matters registered before the date was asked for happened, as far as anyone recorded, on the day they were
    registered: the platform's default for a new matter too."""
    apps.get_model("grid", "Matter").objects.update(happened_on=F("registered_on"))


class Migration(migrations.Migration):

    dependencies = [
        ("grid", "0005_upload_content_check"),
    ]

    operations = [
        migrations.AddField(
            model_name="matter",
            name="happened_on",
            field=models.DateField(null=True, verbose_name="发生日期"),
        ),
        migrations.RunPython(happened_when_registered, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="matter",
            name="happened_on",
            field=models.DateField(verbose_name="发生日期"),
        ),
        migrations.AddConstraint(
            model_name="matter",
            constraint=models.CheckConstraint(
                condition=models.Q(("happened_on__lte", F("registered_on"))),
                name="grid_matter_happened_before_registered",
                violation_error_message="发生日期不能晚于登记日期。",
            ),
        ),
        migrations.AlterField(
            model_name="matter",
            name="source",
            field=models.CharField(
                choices=[
                    ("grid_report", "网格员发现"),
                    ("walk_in", "群众来访"),
                    ("talk", "群众说事"),
                    ("letter", "来信"),
                    ("phone", "电话"),
                    ("hotline", "12345热线"),
                    ("website", "公开网站"),
                    ("assigned", "上级交办"),
                    ("other", "其他"),
                ],
                max_length=20,
                verbose_name="来源",
            ),
        ),
    ]
