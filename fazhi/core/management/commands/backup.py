from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup_create, backup_prune, default_secret


class Command(BaseCommand):
    help = (
        "Write an encrypted, compressed archive of the database and MEDIA_ROOT with a manifest of row counts and "
        "checksums (数据备份). Key: FAZHI_BACKUP_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=None, help="default: settings.BACKUP_DIR")
        parser.add_argument("--keep", type=int, default=0, help="afterwards keep only the newest N archives")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        output_dir = Path(options["output_dir"] or settings.BACKUP_DIR)
        try:
            result = backup_create(
                output_dir=output_dir,
                secret=default_secret(),
                media_root=Path(settings.MEDIA_ROOT),
                using=options["database"],
                cipher=getattr(settings, "BACKUP_CIPHER", "AES-256-GCM"),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = result.manifest["tables"]
        rows = sum(t["rows"] for t in tables.values())
        self.stdout.write(
            f"备份完成：{result.path}（{result.path.stat().st_size} 字节；{len(tables)} 张表，{rows} 行；"
            f"附件 {len(result.manifest['media'])} 个）"
        )
        if options["keep"]:
            for path in backup_prune(output_dir=output_dir, keep=options["keep"]):
                self.stdout.write(f"已按保留策略删除旧备份：{path.name}")
