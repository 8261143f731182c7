from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import head_sign


class Command(BaseCommand):
    help = (
        "Sign the audit chain's current head (last entry's seq and hash, and the time) with the Ed25519 key "
        "FAZHI_AUDIT_HEAD_KEY and write it to a file under the backup directory, for audit_verify to check against. "
        "Run it from cron, e.g. hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=None, help="where the head files go (default AUDIT_HEAD_DIR)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        directory = options["directory"] or settings.AUDIT_HEAD_DIR
        try:
            path = head_sign(directory=directory, using=options["database"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已签名审计链头：{path}")
