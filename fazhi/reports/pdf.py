"""PDF through LibreOffice (headless), converting the .docx written in the open faces (docx_export.OPEN_FACES).
Needs the Debian packages of the Makefile's `browser` target: libreoffice-writer-nogui, fonts-noto-cjk and
fonts-arphic-ukai (docs/reports.md). It takes seconds, so pages never call it: the PDF of a report version is made
once by the background task (reports.tasks.render_report_pdf) and kept (models.ReportPdf)."""

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.reports.docx_export import OPEN_FACES

# The Debian package that installs each open face, for the message when one is missing.
FACE_PACKAGES = {
    OPEN_FACES.body: "fonts-noto-cjk",
    OPEN_FACES.heading1: "fonts-noto-cjk",
    OPEN_FACES.heading2: "fonts-arphic-ukai",
}
TIMEOUT_SECONDS = 120


class PdfUnavailable(Exception):
    pass


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def _installed_families() -> frozenset[str] | None:
    program = shutil.which("fc-list")
    if program is None:
        return None  # no fontconfig tools to ask: let LibreOffice try
    result = subprocess.run([program, ":", "family"], capture_output=True, timeout=30, check=False)
    return frozenset(
        name.strip() for line in result.stdout.decode(errors="replace").splitlines() for name in line.split(",")
    )


def missing_faces() -> list[str]:
    """Open faces fontconfig does not know: LibreOffice would silently substitute them, perhaps with a sans."""
    families = _installed_families()
    if families is None:
        return []
    return sorted({face for face in FACE_PACKAGES if face not in families})


def _profile_dir() -> Path:
    """One LibreOffice profile per worker process: two conversions sharing a profile would hand their work to
    each other's instance or fail on its lock, and a fresh profile per run costs seconds to create."""
    return Path(tempfile.gettempdir()) / f"fazhi-libreoffice-{os.getuid()}-{os.getpid()}"


def docx_to_pdf(docx: bytes) -> bytes:
    program = converter()
    if program is None:
        raise PdfUnavailable(
            _(
                "服务器未安装 LibreOffice，暂不能生成 PDF。请管理员安装 libreoffice-writer-nogui 和 "
                "fonts-noto-cjk 后重试；现在可下载 Word 版（.docx）。"
            )
        )
    missing = missing_faces()
    if missing:
        raise PdfUnavailable(
            _(
                "服务器缺少字体%(faces)s，暂不能生成 PDF。请管理员安装 %(packages)s 后重试；"
                "现在可下载 Word 版（.docx）。"
            )
            % {
                "faces": "、".join(missing),
                "packages": " ".join(sorted({FACE_PACKAGES[f] for f in missing})),
            }
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        try:
            result = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={_profile_dir().as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(
                _("PDF 转换超时（超过%(s)d秒），请稍后重试；现在可下载 Word 版（.docx）。") % {"s": TIMEOUT_SECONDS}
            ) from exc
        target = Path(tmp) / "report.pdf"
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable(_("PDF 转换失败：%(err)s") % {"err": result.stderr.decode(errors="replace")[:200]})
        return target.read_bytes()
