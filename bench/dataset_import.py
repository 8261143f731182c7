"""Time the resident Excel import (dry run, then the confirmed import) of N rows into the first synthetic township,
beside its floor: reading the same file with openpyxl alone plus a bare bulk insert of as many rows. Prints JSON
with this process's peak RSS. Called by bench/run.py with FAZHI_VAR_DIR set; it adds N residents to the dataset."""

import io
import json
import os
import resource
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from fazhi.accounts.models import User  # noqa: E402
from fazhi.areas.models import Area, Level  # noqa: E402
from fazhi.people import services  # noqa: E402
from fazhi.people.io import COLUMNS, SHEET  # noqa: E402
from fazhi.people.models import ImportJob, Resident  # noqa: E402
from fazhi.people.validation import id_check_char  # noqa: E402


def workbook(grids: list[Area], rows: int) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(COLUMNS)
    for i in range(rows):
        # Region 510000 is not used by the generator (5099xx), so every row is a new resident; unique for
        # i < 20,160,000 (year × month × day × sequence).
        first17 = f"510000{1950 + i % 60}{1 + (i // 60) % 12:02d}{1 + (i // 720) % 28:02d}{i // 20160:03d}"
        ws.append([grids[i % len(grids)].name, f"I{i // 3:06d}", "户主", f"居民{i}", first17 + id_check_char(first17),
                   f"139{i:08d}", "", "常住", "留守老人" if i % 7 == 0 else ""])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def floor(content: bytes, grid: Area) -> float:
    started = time.perf_counter()
    sheet = load_workbook(io.BytesIO(content), read_only=True)[SHEET]
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    with transaction.atomic():
        Resident.objects.bulk_create([Resident(area=grid, name=n) for n in names], batch_size=2000)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def main(rows: int) -> dict:
    township = Area.objects.get(level=Level.TOWNSHIP, code="509900001000")
    grids = list(Area.objects.subtree(township).filter(level=Level.GRID).order_by("path"))
    actor = User.objects.get(username="bench_grid_admin_1")
    content = workbook(grids, rows)
    floor_s = floor(content, grids[0])
    started = time.perf_counter()
    job = services.import_check(actor=actor, upload=SimpleUploadedFile("bench.xlsx", content))
    checked = time.perf_counter()
    assert not job.errors, job.errors[:3]
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)  # what import_confirm does
    job = services.import_run(job_id=job.pk)
    done = time.perf_counter()
    assert job.status == ImportJob.Status.DONE and job.created == rows, (job.status, job.message, job.created)
    return {
        "rows": rows,
        "floor_s": floor_s,
        "dry_run_s": checked - started,
        "import_s": done - checked,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KiB on Linux
    }


if __name__ == "__main__":
    print(json.dumps(main(int(os.environ.get("BENCH_IMPORT_ROWS", 100_000)))))
