"""`make bench`: build a one-township and a county dataset, measure pages on each, print a table, write JSON.

Every figure stands beside its floor measured in the same run; the scaling ratio compares the same page for the same
township on the county dataset and on the one-township dataset, each as a multiple of the floor measured on that
dataset, so a machine that is busier while one dataset is measured does not pass for the page slowing down (the raw
ratio of the medians is printed beside it).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
# The workbench gathers every module's work (issue 24): its multiple of the floor is reported, not held to 3×.
RATIO_ONLY = {"workbench"}


def _manage(var: Path, *args: str, db_url: str | None) -> None:
    env = {**os.environ, "FAZHI_VAR_DIR": str(var)}
    if db_url:
        env["DATABASE_URL"] = db_url
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def build(name: str, townships: int, residents: int, db_url: str | None) -> tuple[Path, float]:
    var = ROOT / "var" / "bench" / name
    if db_url is None:
        for f in var.glob("fazhi.sqlite3*"):
            f.unlink()
    else:
        _manage(var, "flush", "--noinput", db_url=db_url)
    var.mkdir(parents=True, exist_ok=True)
    _manage(var, "migrate", "--noinput", db_url=db_url)
    started = time.perf_counter()
    _manage(
        var, "generate_area", "--townships", str(townships), "--residents-per-township", str(residents), db_url=db_url
    )
    return var, time.perf_counter() - started


def _script(script: str, var: Path, db_url: str | None, **extra_env: str) -> dict:
    """Run one bench/dataset_*.py script on a prepared dataset, in its own process; its last line is JSON."""
    env = {**os.environ, "FAZHI_VAR_DIR": str(var), **extra_env}
    if db_url:
        env["DATABASE_URL"] = db_url
    done = subprocess.run([PYTHON, script], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{script} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def pages(var: Path, db_url: str | None, *, county_user: bool = False) -> dict:
    return _script("bench/dataset_pages.py", var, db_url, BENCH_COUNTY_USER="1" if county_user else "0")


def check(report: dict, label: str, ok: bool, detail: str) -> None:
    report.setdefault("targets", []).append({"target": label, "pass": ok, "measured": detail})
    print(f"{'PASS' if ok else 'FAIL'}  {label}: {detail}")


def page_table(report: dict, small: dict, big: dict) -> None:
    header = f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'× floor':>8}"
    print(f"{header} {'county/township':>16} {'scaling':>8}")
    for name, row in big.items():
        raw = row["median_ms"] / small[name]["median_ms"]
        scaling = row.get("ratio_to_floor", 1.0) / small[name].get("ratio_to_floor", 1.0)
        report["pages"][name] = {
            **row,
            "scaling_ratio": scaling,
            "scaling_ratio_raw": raw,
            "township_queries": small[name]["queries"],
        }
        ratio = f"{row['ratio_to_floor']:.2f}" if "ratio_to_floor" in row else "1.00"
        print(
            f"{name:40} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['queries']:8d} {ratio:>8} {raw:16.2f}"
            f" {scaling:8.2f}"
        )
    print()
    for name, row in report["pages"].items():
        if name == "floor":
            continue
        check(report, f"{name}: p95 ≤ 150 ms", row["p95_ms"] <= 150, f"{row['p95_ms']:.0f} ms")
        if name in RATIO_ONLY:
            print(f"      {name}: {row['ratio_to_floor']:.2f}× floor (reported, no target)")
        else:
            check(report, f"{name}: ≤ 3× floor", row["ratio_to_floor"] <= 3, f"{row['ratio_to_floor']:.2f}×")
        check(report, f"{name}: scaling ≤ 1.3", row["scaling_ratio"] <= 1.3, f"{row['scaling_ratio']:.2f}")
        same = row["queries"] == row["township_queries"]
        check(report, f"{name}: queries independent of data size", same,
              f"{row['township_queries']} → {row['queries']}")  # fmt: skip


def county_user_table(report: dict, rows: dict, label: str = "county user") -> None:
    """A county user's pages hold the whole county's records: only the p95 target applies (no township to compare)."""
    floor = rows.pop("floor")
    print(f"{label} (floor {floor['median_ms']:.1f} ms):")
    for name, row in rows.items():
        ratio = row["ratio_to_floor"]
        print(f"{name:40} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['queries']:8d} {ratio:8.2f}")
        report["county_user_pages"][name] = row
        check(report, f"{name}: p95 ≤ 150 ms", row["p95_ms"] <= 150, f"{row['p95_ms']:.0f} ms")


def report_checks(report: dict, rep: dict) -> None:
    print(
        f"\nreport: township .docx {rep['township_docx_ms']:.0f} ms (floor {rep['township_floor_ms']:.0f} ms), "
        f"county roll-up of {rep['townships']} {rep['county_rollup_ms']:.0f} ms "
        f"(floor {rep['county_floor_ms']:.0f} ms), "
        f"peak RSS {rep['peak_rss_mb']:.0f} MB"
    )
    check(report, "county roll-up ≤ 5 s", rep["county_rollup_ms"] <= 5000, f"{rep['county_rollup_ms']:.0f} ms")
    check(report, "township report ≤ 1 s", rep["township_docx_ms"] <= 1000, f"{rep['township_docx_ms']:.0f} ms")
    check(report, "worker RSS ≤ 500 MB (roll-up)", rep["peak_rss_mb"] <= 500, f"{rep['peak_rss_mb']:.0f} MB")
    if rep.get("township_pdf_job_ms") is not None:  # LibreOffice installed: the PDF job, then the kept file served
        job, download = rep["township_pdf_job_ms"], rep["township_pdf_download_ms"]
        print(f"PDF: background job {job:.0f} ms, download once made {download:.0f} ms")
        check(report, "PDF download once made ≤ 1 s", download <= 1000, f"{download:.0f} ms")


def import_checks(report: dict, imp: dict, what: str = "import") -> None:
    rate = imp["rows"] / imp["import_s"]
    ratio = imp["import_s"] / imp["floor_s"]
    print(
        f"\n{what} of {imp['rows']:,} rows: dry run {imp['dry_run_s']:.1f} s, import {imp['import_s']:.1f} s "
        f"({rate:,.0f} rows/s), floor {imp['floor_s']:.1f} s, peak RSS {imp['peak_rss_mb']:.0f} MB"
    )
    check(report, f"{what} ≥ 3,000 rows/s", rate >= 3000, f"{rate:,.0f} rows/s")
    check(report, f"{what} ≤ 2.5× floor", ratio <= 2.5, f"{ratio:.2f}×")
    check(report, f"worker RSS ≤ 500 MB ({what})", imp["peak_rss_mb"] <= 500, f"{imp['peak_rss_mb']:.0f} MB")


def load_checks(report: dict, load: dict) -> None:
    floor, mixed = load["floor"], load["mixed"]
    share = mixed["rps"] / floor["rps"]
    print(
        f"\nload, {load['users']} users × {load['seconds']} s on {load['workers']} gunicorn workers: mixed "
        f"{mixed['rps']:.1f} req/s ({mixed['errors']} errors of {mixed['requests']}), floor {floor['rps']:.1f} req/s"
    )
    check(report, "mixed load zero errors", mixed["errors"] == 0, f"{mixed['errors']} errors")
    check(report, "throughput ≥ 40% of floor", share >= 0.4, f"{share:.0%}")


def write_results(report: dict, name: str) -> None:
    """Write every figure as JSON and print the count of targets met and missed."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    failed = sum(not t["pass"] for t in report["targets"])
    print(f"\n{len(report['targets']) - failed} targets met, {failed} missed; written: {path.relative_to(ROOT)}")


def main() -> None:
    townships = int(os.environ.get("BENCH_TOWNSHIPS", 25))
    residents = int(os.environ.get("BENCH_RESIDENTS", 10000))
    db_url = os.environ.get("BENCH_DATABASE_URL")  # e.g. postgres://postgres@127.0.0.1:5432/bench
    report: dict = {
        "townships": townships,
        "residents_per_township": residents,
        "database": "postgresql" if db_url else "sqlite",
        "pages": {},
        "county_user_pages": {},
    }
    small_var, small_build = build("township", 1, residents, db_url)
    small = pages(small_var, db_url)
    big_var, big_build = build("county", townships, residents, db_url)
    report["generate_seconds"] = {"township": small_build, "county": big_build}
    print(
        f"\n{report['database']}: county of {townships} townships × {residents} residents "
        f"(generated in {big_build:.1f} s; one township in {small_build:.1f} s)"
    )
    big = pages(big_var, db_url, county_user=True)
    county_user = big.pop("county user")
    county_supervisor = big.pop("county supervisor")
    page_table(report, small, big)
    print()
    county_user_table(report, county_user)
    county_user_table(report, county_supervisor, "county supervisor (督察)")
    report["report"] = _script("bench/dataset_report.py", big_var, db_url)
    report_checks(report, report["report"])
    report["sign_in"] = sign_in = _script("bench/dataset_signin.py", big_var, db_url)
    print(
        f"sign-in: {sign_in['sign_in_ms']:.0f} ms, {sign_in['ratio_to_floor']:.1f}× floor (the login page, "
        f"{sign_in['floor_ms']:.0f} ms); Argon2id check {sign_in['password_check_ms']:.0f} ms ({sign_in['hash']}) "
        "(reported, no target)"
    )
    if os.environ.get("BENCH_THROUGHPUT", "1") != "0":  # BENCH_THROUGHPUT=0 skips the two 60 s load runs
        report["load"] = _script("bench/throughput.py", big_var, db_url)
        load_checks(report, report["load"])
    # last: they add residents and 普法 activities
    report["record_import"] = _script("bench/dataset_record_import.py", big_var, db_url)
    import_checks(report, report["record_import"], "普法活动 import")
    report["import"] = _script("bench/dataset_import.py", big_var, db_url)
    import_checks(report, report["import"])
    write_results(report, f"bench-{report['database']}.json")


if __name__ == "__main__":
    main()
