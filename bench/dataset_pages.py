"""Measure the pages on one prepared dataset; prints JSON. Called by bench/run.py with FAZHI_VAR_DIR set."""

import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from bench.pages import measure  # noqa: E402
from bench.scenarios import county_pages, supervisor_pages, township_pages  # noqa: E402

if __name__ == "__main__":
    repeat = int(os.environ.get("BENCH_REPEAT", 30))
    rows = measure(*township_pages(), repeat=repeat)
    if os.environ.get("BENCH_COUNTY_USER") == "1":
        rows["county user"] = measure(*county_pages(), repeat=repeat)
        rows["county supervisor"] = measure(*supervisor_pages(), repeat=repeat)
    print(json.dumps(rows))
