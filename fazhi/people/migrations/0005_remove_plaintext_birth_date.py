"""Third of three: drop the plaintext birth-date column; the encrypted one takes its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_resident_birth_date_encrypt"),
    ]

    operations = [
        migrations.RemoveField(model_name="resident", name="birth_date"),
        migrations.RenameField(model_name="resident", old_name="birth_date_sealed", new_name="birth_date"),
    ]
