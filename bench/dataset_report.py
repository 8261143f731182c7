"""Time the township .docx report and the county roll-up on a prepared dataset, each beside its floor (the metric
queries alone); prints JSON with this process's peak RSS. Called by bench/run.py with FAZHI_VAR_DIR set, in its own
process so that the RSS belongs to this work alone."""

import datetime
import json
import os
import resource
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from fazhi.areas.models import Area, Level  # noqa: E402
from fazhi.core.metrics import Period, refresh  # noqa: E402
from fazhi.reports import exports, selectors, services  # noqa: E402
from fazhi.reports.figures import keys_in  # noqa: E402
from fazhi.reports.models import Report  # noqa: E402
from fazhi.reports.seed_text import SEED_SECTIONS  # noqa: E402
from fazhi.reports.services import default_title  # noqa: E402

YEAR = 2023  # the synthetic records' last year (fazhi/people/generate.py)
KEYS = keys_in([body for _level, _heading, body, _kind in SEED_SECTIONS])


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm caches and imports
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _metrics(areas) -> None:
    period = Period.year(YEAR)
    metrics = refresh()
    for area in areas:
        for key in KEYS:
            if key in metrics:
                metrics[key].value(area=area, period=period)


def _pdf_job_and_download(township) -> tuple[float | None, float | None]:
    """The background PDF job once (LibreOffice), then the download it makes immediate: the same request service
    finding the kept file, and reading it. Written in a transaction that is rolled back, file removed."""
    from django.db import transaction

    from fazhi.reports.pdf import converter

    if converter() is None:
        return None, None
    timings: list[float] = []

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            report = services.report_create(actor=None, area=township, year=YEAR + 1)
            pdf = services.report_pdf_request(report=report)
            started = time.perf_counter()
            pdf = services.report_pdf_render(pdf_id=pdf.pk)
            timings.append(time.perf_counter() - started)
            assert pdf.status == "done", pdf.message

            def download():
                with services.report_pdf_request(report=report).file.open("rb") as fh:
                    fh.read()

            timings.append(_median_ms(download, 5) / 1000)
            pdf.file.delete(save=False)
            raise Undo
    except Undo:
        pass
    return timings[0] * 1000, timings[1] * 1000


def main(repeat: int) -> dict:
    county = Area.objects.get(level=Level.COUNTY, code="509900000000")
    township = Area.objects.get(level=Level.TOWNSHIP, code="509900001000")
    townships = list(county.children.filter(level=Level.TOWNSHIP))
    report = Report(area=township, year=YEAR, title=default_title(township, YEAR))  # unsaved, as report_export does
    sections = services.default_sections(report)
    docx = exports.export(report, fmt="docx", sections=sections)
    assert docx[:2] == b"PK", "not a .docx"
    today = datetime.date(YEAR + 1, 6, 1)
    pdf_job_ms, pdf_download_ms = _pdf_job_and_download(township)
    return {
        "township_pdf_job_ms": pdf_job_ms,
        "township_pdf_download_ms": pdf_download_ms,
        "township_docx_ms": _median_ms(lambda: exports.export(report, fmt="docx", sections=sections), repeat),
        "township_floor_ms": _median_ms(lambda: _metrics([township]), repeat),
        "county_rollup_ms": _median_ms(
            lambda: selectors.county_rollup(county=county, year=YEAR, keys=KEYS, today=today), repeat
        ),
        "county_floor_ms": _median_ms(lambda: _metrics(townships), repeat),
        "townships": len(townships),
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(os.environ.get("BENCH_REPEAT", 10)))))
