"""First of three: the encrypted birth date and the plaintext birth year arrive beside the old plaintext date."""

from django.db import migrations, models

import fazhi.core.encryption


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_importjob"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="birth_year",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name="出生年份"),
        ),
        migrations.AddField(
            model_name="resident",
            name="birth_date_sealed",
            field=fazhi.core.encryption.EncryptedDateField(blank=True, null=True, verbose_name="出生日期"),
        ),
        migrations.AlterField(
            model_name="reveal",
            name="field",
            field=models.CharField(
                choices=[("id_number", "身份证号"), ("phone", "联系电话"), ("birth_date", "出生日期")],
                max_length=20,
                verbose_name="字段",
            ),
        ),
    ]
