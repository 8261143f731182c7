"""`make bench`: build a one-township and a county dataset, measure pages on each, print a table, write JSON.

Every figure stands beside its floor measured in the same run; the scaling ratio compares the same page for the same
township on the county dataset and on the one-township dataset.
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


def pages(var: Path, db_url: str | None) -> dict:
    env = {**os.environ, "FAZHI_VAR_DIR": str(var)}
    if db_url:
        env["DATABASE_URL"] = db_url
    out = subprocess.run(
        [PYTHON, "bench/dataset_pages.py"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    townships = int(os.environ.get("BENCH_TOWNSHIPS", 25))
    residents = int(os.environ.get("BENCH_RESIDENTS", 10000))
    db_url = os.environ.get("BENCH_DATABASE_URL")  # e.g. postgres://postgres@127.0.0.1:5432/bench
    report: dict = {
        "townships": townships,
        "residents_per_township": residents,
        "database": "postgresql" if db_url else "sqlite",
    }
    small_var, small_build = build("township", 1, residents, db_url)
    small = pages(small_var, db_url)
    big_var, big_build = build("county", townships, residents, db_url)
    big = pages(big_var, db_url)
    report["generate_seconds"] = {"township": small_build, "county": big_build}
    report["pages"] = {}
    print(
        f"\n{report['database']}: county of {townships} townships × {residents} residents "
        f"(generated in {big_build:.1f} s)"
    )
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'× floor':>8} {'county/township':>16}")
    for name, row in big.items():
        scaling = row["median_ms"] / small[name]["median_ms"] if name in small else None
        report["pages"][name] = {**row, "scaling_ratio": scaling}
        ratio = f"{row['ratio_to_floor']:.2f}" if "ratio_to_floor" in row else "1.00"
        print(f"{name:40} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['queries']:8d} {ratio:>8} {scaling:16.2f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-{report['database']}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
