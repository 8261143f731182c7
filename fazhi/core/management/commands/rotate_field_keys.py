"""Re-encrypt every encrypted field under the first key of FIELD_ENCRYPTION_KEYS (and the configured cipher).

Usage: put the new key first, keep the old ones after it, run `manage.py rotate_field_keys`, then remove the old
keys. Values are decrypted with whichever configured key they name and written back, batch by batch, each batch in
one transaction, so an interrupted run loses nothing and can simply be run again.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from fazhi.core.encryption import EncryptedTextField, reencrypt_queryset


class Command(BaseCommand):
    help = "Re-encrypt encrypted fields under the current key (key rotation)."

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", help="app_label.Model (default: every model with encrypted fields)")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, **options):
        total = 0
        models = [apps.get_model(label) for label in options["models"]] or apps.get_models()
        for model in models:
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            n = reencrypt_queryset(model._base_manager.all(), fields, batch=options["batch"])
            total += n
            self.stdout.write(f"{model._meta.label}: {n} rows re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"done: {total} rows"))
