"""Time the generic Excel import (fazhi.imports) of N 普法 activities into the first synthetic township, beside the
same floor as the resident import: reading the file with openpyxl alone plus a bare bulk insert of as many rows.
The file is the downloaded template filled in, so the rows go through the same columns, form and service as a
user's. Prints JSON with this process's peak RSS. Called by bench/run.py with FAZHI_VAR_DIR set; it adds N
activities to the dataset."""

import datetime
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
from openpyxl import load_workbook  # noqa: E402

from fazhi.accounts.models import User  # noqa: E402
from fazhi.areas.models import Area, Level  # noqa: E402
from fazhi.imports import engine, services, workbook  # noqa: E402
from fazhi.imports.models import ImportBatch  # noqa: E402
from fazhi.imports.specs import spec_get  # noqa: E402
from fazhi.publicity.models import Activity  # noqa: E402

KIND = "publicity.activity"


def filled(spec, actor, villages: list[str], rows: int) -> bytes:
    columns = engine.spec_columns(spec, actor)
    template = workbook.template_workbook(label=spec.label, columns=columns, example={}, key="")
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    header = [str(c.value).rstrip("*") for c in ws[1]]
    form = next(c for c in columns if c.name == "form").options
    start = datetime.date(2020, 1, 1)
    for i in range(rows):
        values = {
            "所属区划": villages[i % len(villages)],
            "日期": start + datetime.timedelta(days=i % 1800),
            "活动名称": f"普法活动{i}",
            "地点": "村委会",
            "形式": form[i % len(form)],
            "参与人次": 20 + i % 80,
        }
        ws.append([values.get(h) for h in header])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def floor(content: bytes, area: Area) -> float:
    started = time.perf_counter()
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = [(row[1], row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    with transaction.atomic():
        Activity.objects.bulk_create(
            [Activity(area=area, held_on=held_on, title=title, form="lecture") for held_on, title in rows],
            batch_size=2000,
        )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def main(rows: int) -> dict:
    township = Area.objects.get(level=Level.TOWNSHIP, code="509900001000")
    villages = list(Area.objects.subtree(township).filter(level=Level.VILLAGE).order_by("path"))
    actor = User.objects.get(username="bench_legal_staff_1")
    spec = spec_get(KIND, user=actor)
    labels = next(c for c in engine.spec_columns(spec, actor) if c.name == "area").options
    mine = [label for label in labels if any(label.startswith(v.name) for v in villages)]
    content = filled(spec, actor, mine, rows)
    floor_s = floor(content, villages[0])
    started = time.perf_counter()
    batch = services.batch_check(actor=actor, spec=spec, upload=SimpleUploadedFile("bench.xlsx", content))
    checked = time.perf_counter()
    assert not batch.errors, batch.errors[:3]
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)  # what batch_confirm does
    batch = services.batch_run(batch_id=batch.pk)
    done = time.perf_counter()
    assert batch.status == ImportBatch.Status.DONE and batch.created == rows, (batch.status, batch.message)
    return {
        "rows": rows,
        "floor_s": floor_s,
        "dry_run_s": checked - started,
        "import_s": done - checked,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KiB on Linux
    }


if __name__ == "__main__":
    print(json.dumps(main(int(os.environ.get("BENCH_RECORD_IMPORT_ROWS", 20_000)))))
