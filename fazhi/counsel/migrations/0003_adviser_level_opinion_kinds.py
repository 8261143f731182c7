from django.db import migrations, models

# Area levels (areas.Level) to adviser levels. Only county, township and village areas take advisers; a city or a
# grid cannot, but map them to the nearest so no row is left without a level.
LEVELS = {1: "county", 2: "county", 3: "township", 4: "village", 5: "village"}


def level_from_area(apps, schema_editor):
    """Existing advisers serve the level of the area they are registered in: the default a new one gets."""
    Adviser = apps.get_model("counsel", "Adviser")
    for area_level, level in LEVELS.items():
        Adviser.objects.filter(area__level=area_level).update(level=level)


class Migration(migrations.Migration):

    dependencies = [
        ("areas", "0001_initial"),
        ("counsel", "0002_contract_review_and_legal_cases"),
    ]

    operations = [
        migrations.AddField(
            model_name="adviser",
            name="level",
            field=models.CharField(
                choices=[("county", "县级法律顾问"), ("township", "乡镇（街道）法律顾问"), ("village", "村（社区）法律顾问")],
                default="township",
                max_length=10,
                verbose_name="顾问层级",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(level_from_area, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="opinion",
            name="kind",
            field=models.CharField(
                choices=[
                    ("decision_review", "重大决策合法性审查"),
                    ("contract_review", "合同审查"),
                    ("document_review", "规范性文件审查"),
                    ("petition_dispute", "信访、纠纷法律意见"),
                    ("legal_opinion", "法律意见"),
                    ("litigation", "代理复议诉讼"),
                    ("other", "其他"),
                ],
                max_length=20,
                verbose_name="类别",
            ),
        ),
    ]
