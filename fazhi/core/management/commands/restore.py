from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup_restore, default_secret


class Command(BaseCommand):
    help = (
        "Rebuild a fresh instance (database + MEDIA_ROOT) from a backup archive and verify every table and file "
        "against its manifest (数据恢复). Refuses a target that already holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="overwrite a database / media directory with data")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"找不到备份文件：{archive}")
        try:
            manifest = backup_restore(
                archive=archive,
                secret=default_secret(),
                media_root=Path(settings.MEDIA_ROOT),
                using=options["database"],
                force=options["force"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = manifest["tables"]
        self.stdout.write(
            f"恢复完成并已校验：{len(tables)} 张表、{sum(t['rows'] for t in tables.values())} 行、"
            f"附件 {len(manifest['media'])} 个与清单一致（备份时间 {manifest['created_at']}）。"
            "如代码版本较新，请再运行 manage.py migrate。"
        )
