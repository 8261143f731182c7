from django.db import migrations, models
from django.db.models import Max

from fazhi.disclosure.services import next_due_after


def from_postings(apps, schema_editor):
    """Every board's first owed due date, from what it has posted — what the services keep from now on."""
    Board = apps.get_model("disclosure", "Board")
    boards = list(Board.objects.annotate(latest=Max("postings__period_end")).only("frequency", "established_on"))
    for board in boards:
        board.next_due_on = next_due_after(board.frequency, board.established_on, board.latest)
    Board.objects.bulk_update(boards, ["next_due_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_board_established_on")]

    operations = [
        migrations.AddField(
            model_name="board",
            name="next_due_on",
            field=models.DateField(blank=True, db_index=True, editable=False, null=True, verbose_name="下次应公开日期"),
        ),
        migrations.RunPython(from_postings, migrations.RunPython.noop),
    ]
