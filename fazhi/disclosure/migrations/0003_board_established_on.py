from django.db import migrations, models
from django.utils import timezone


def from_creation(apps, schema_editor):
    """Boards entered before the field existed went up, as far as anyone recorded, when they were entered."""
    Board = apps.get_model("disclosure", "Board")
    for board in Board.objects.filter(established_on__isnull=True).only("created_at"):
        board.established_on = timezone.localdate(board.created_at)
        board.save(update_fields=["established_on"])


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_posting_text_publication_attachments")]

    operations = [
        migrations.AddField(
            model_name="board", name="established_on", field=models.DateField(null=True, verbose_name="设立日期")
        ),
        migrations.RunPython(from_creation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="board", name="established_on", field=models.DateField(verbose_name="设立日期")
        ),
    ]
