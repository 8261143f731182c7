"""Benchmark (not a test): generate an N-row import file for the demo township and time dry run and import.

DATABASE_URL=sqlite:////tmp/bench.sqlite3 manage.py migrate && … load_demo && … bench_resident_import --rows 100000
"""

import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from openpyxl import Workbook

from fazhi.accounts.models import User
from fazhi.areas.models import Area, Level
from fazhi.people import services
from fazhi.people.io import COLUMNS, SHEET
from fazhi.people.validation import id_check_char


class Command(BaseCommand):
    help = "Time the resident Excel import on N generated rows (run against a scratch database)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--user", default="zongzhi")

    def handle(self, *args, rows: int, user: str, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError("run load_demo first")
        township = Area.objects.get(code="500229215000")
        grids = list(Area.objects.subtree(township).filter(level=Level.GRID).order_by("path"))
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(SHEET)
        ws.append(COLUMNS)
        for i in range(rows):
            # Unique for i < 20,160,000: year × month × day × sequence.
            first17 = f"500229{1950 + i % 60}{1 + (i // 60) % 12:02d}{1 + (i // 720) % 28:02d}{i // 20160:03d}"
            grid = grids[i % len(grids)]
            ws.append([grid.name, f"B{i // 3:06d}", "户主", f"居民{i}", first17 + id_check_char(first17),
                       f"139{i:08d}", "", "常住", "留守老人" if i % 7 == 0 else ""])  # fmt: skip
        buf = io.BytesIO()
        wb.save(buf)
        upload = SimpleUploadedFile("bench.xlsx", buf.getvalue())
        t0 = time.perf_counter()
        job = services.import_check(actor=actor, upload=upload)
        t1 = time.perf_counter()
        if job.errors:
            raise CommandError(f"{len(job.errors)} errors, first: {job.errors[:3]}")
        services.ImportJob.objects.filter(pk=job.pk).update(status="queued")
        job = services.import_run(job_id=job.pk)
        t2 = time.perf_counter()
        self.stdout.write(
            f"rows={rows} dry_run={t1 - t0:.1f}s ({rows / (t1 - t0):.0f} rows/s) "
            f"import={t2 - t1:.1f}s ({rows / (t2 - t1):.0f} rows/s) status={job.status} "
            f"created={job.created} updated={job.updated}"
        )
