from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import verify_chain


class Command(BaseCommand):
    help = "Walk the audit hash chain (审计日志防篡改校验) and name the first broken entry; exit 1 if broken."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        report = verify_chain(using=options["database"])
        if report.unverified:
            # Keyed with a key this process lacks (FAZHI_AUDIT_KEY): their links hold, their content is unchecked.
            seqs = "、".join(str(s) for s in report.unverified[:20]) + ("……" if len(report.unverified) > 20 else "")
            count = len(report.unverified)
            self.stderr.write(f"有 {count} 条记录的密钥不在 FAZHI_AUDIT_KEY 中，未能校验内容：第 {seqs} 条。")
        if not report.ok:
            raise CommandError(f"审计链校验失败：{report.broken}（此前 {report.checked} 条完好）")
        self.stdout.write(f"审计链完好：共 {report.checked} 条记录，哈希链连续。")
