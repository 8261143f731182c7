from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import verify_chain, verify_heads


class Command(BaseCommand):
    help = (
        "Walk the audit hash chain (审计日志防篡改校验) and name the first broken entry, then check it against every "
        "signed chain head (audit_sign_head); exit 1 if either fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")
        parser.add_argument("--heads", default=None, help="folder of signed heads (default AUDIT_HEAD_DIR)")

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
        heads = Path(options["heads"] or settings.AUDIT_HEAD_DIR)
        if not heads.is_dir():
            self.stderr.write(f"没有已签名的链头（{heads}）：未能排除持有审计密钥者重算整条链。")
            return
        checked = verify_heads(directory=heads, using=options["database"])
        if not checked.ok:
            raise CommandError(f"审计链与签名链头不符：{checked.broken}")
        self.stdout.write(f"与 {checked.checked} 个签名链头一致。")
