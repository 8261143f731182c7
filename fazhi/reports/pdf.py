"""PDF through LibreOffice (headless), converting the same .docx. Needs Debian packages libreoffice-writer-nogui
and CJK fonts (fonts-noto-cjk; the official 方正小标宋/仿宋_GB2312/楷体_GB2312 where licensed)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _


class PdfUnavailable(Exception):
    pass


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    program = converter()
    if program is None:
        raise PdfUnavailable(
            _(
                "服务器未安装 LibreOffice，暂不能生成 PDF。请管理员安装 libreoffice-writer-nogui 和 "
                "fonts-noto-cjk 后重试；现在可下载 Word 版（.docx）。"
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        result = subprocess.run(
            [program, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        target = Path(tmp) / "report.pdf"
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable(_("PDF 转换失败：%(err)s") % {"err": result.stderr.decode(errors="replace")[:200]})
        return target.read_bytes()
