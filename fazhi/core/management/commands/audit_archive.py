import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import archive_entries, verify_entries
from fazhi.core.backup import BackupError, decrypt_file, default_secret, encrypt_file


class Command(BaseCommand):
    help = (
        "Archive the audit trail up to a date into an encrypted, self-verifying file (审计记录归档; GB/T 22239-2019 "
        "asks for at least 6 months online — entries stay in the database, the archive is the copy kept beyond), "
        "or check such a file with --check."
    )

    def add_arguments(self, parser):
        parser.add_argument("--until", help="archive entries up to this date (YYYY-MM-DD), inclusive")
        parser.add_argument("--output", help="archive file (default: BACKUP_DIR/audit-<until>.fza)")
        parser.add_argument("--check", metavar="FILE", help="verify an archive file instead of writing one")

    def handle(self, *args, **options):
        if options["check"]:
            return self._check(Path(options["check"]))
        if not options["until"]:
            raise CommandError("请用 --until 指定归档截止日期（YYYY-MM-DD）。")
        import datetime

        try:
            until = datetime.date.fromisoformat(options["until"])
        except ValueError:
            raise CommandError("截止日期格式应为 YYYY-MM-DD。") from None
        output = Path(options["output"] or Path(settings.BACKUP_DIR) / f"audit-{until.isoformat()}.fza")
        output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="fazhi-audit-") as tmp:
            plain = Path(tmp) / "audit.jsonl"
            try:
                count = archive_entries(until=until, path=plain)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            try:
                encrypt_file(plain, output, secret=default_secret(), cipher=settings.BACKUP_CIPHER)
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"已归档 {count} 条审计记录（截至 {until}）到 {output}")

    def _check(self, path: Path) -> None:
        from fazhi.core.audit import entries_from_archive

        if not path.is_file():
            raise CommandError(f"找不到归档文件：{path}")
        with tempfile.TemporaryDirectory(prefix="fazhi-audit-") as tmp:
            plain = Path(tmp) / "audit.jsonl"
            try:
                decrypt_file(path, plain, secret=default_secret())
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
            try:
                report = verify_entries(entries_from_archive(plain))
            except (ValueError, KeyError, json.JSONDecodeError) as exc:
                raise CommandError(f"归档文件格式错误：{exc}") from exc
        if not report.ok:
            raise CommandError(f"归档校验失败：{report.broken}（此前 {report.checked} 条完好）")
        self.stdout.write(f"归档完好：共 {report.checked} 条记录，哈希链连续。")
