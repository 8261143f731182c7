"""`make bench-city`: a city-size deployment on PostgreSQL, to show that a township user does not feel it.

Builds BENCH_CITY_TOWNSHIPS townships (default 100, in counties of 25) of BENCH_RESIDENTS residents each, measures
the township pages on it beside the same pages on a one-township dataset (the scaling ratio) and beside the floor,
and times the roll-up of one county of the city. Prints PASS/FAIL lines like `make bench`; writes JSON.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import _script, build, page_table, pages, report_checks, write_results


def main() -> None:
    db_url = os.environ.get("BENCH_DATABASE_URL")
    if not db_url:
        sys.exit("make bench-city needs BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/bench")
    townships = int(os.environ.get("BENCH_CITY_TOWNSHIPS", 100))
    residents = int(os.environ.get("BENCH_RESIDENTS", 10000))
    report: dict = {"townships": townships, "residents_per_township": residents, "database": "postgresql", "pages": {}}
    small_var, small_build = build("city-township", 1, residents, db_url)
    small = pages(small_var, db_url)
    big_var, big_build = build("city", townships, residents, db_url)
    report["generate_seconds"] = {"township": small_build, "city": big_build}
    print(
        f"\npostgresql: city of {townships} townships × {residents} residents = {townships * residents:,} "
        f"(generated in {big_build:.0f} s)"
    )
    page_table(report, small, pages(big_var, db_url))
    report["report"] = _script("bench/dataset_report.py", big_var, db_url)
    report_checks(report, report["report"])
    write_results(report, "bench-city-postgresql.json")


if __name__ == "__main__":
    main()
