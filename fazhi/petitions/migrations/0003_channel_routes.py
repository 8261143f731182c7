from django.db import migrations, models


class Migration(migrations.Migration):
    # New choices only: every existing petition keeps the form it was registered with.

    dependencies = [
        ("petitions", "0002_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="petition",
            name="channel",
            field=models.CharField(
                choices=[
                    ("letter", "来信"),
                    ("visit", "来访"),
                    ("online", "网上信访"),
                    ("phone", "电话"),
                    ("fax", "传真"),
                    ("hotline", "12345热线"),
                    ("grid", "网格员发现"),
                    ("talk", "群众说事"),
                    ("other", "其他"),
                ],
                max_length=10,
                verbose_name="信访形式",
            ),
        ),
    ]
