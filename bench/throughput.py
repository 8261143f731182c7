"""Requests/second of a mixed read/write load (bench/locustfile.py) against gunicorn on 127.0.0.1, beside the same
load on the empty-layout page; prints JSON. Called by bench/run.py with FAZHI_VAR_DIR (and DATABASE_URL) set.

Sessions are prepared here, so the load has no login traffic: the township's legal staff and leader, and the grid
members of its grids (who also record visits in their own grid).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import FLOOR_PATH  # noqa: E402
from bench.scenarios import township_pages  # noqa: E402
from fazhi.accounts.models import User  # noqa: E402
from fazhi.areas.models import Area, Level  # noqa: E402
from fazhi.people.models import Household  # noqa: E402

BIN = Path(sys.executable).parent
USERS = int(os.environ.get("BENCH_USERS", 50))
SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))


def _session(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def plan(mode: str) -> dict:
    township = Area.objects.get(level=Level.TOWNSHIP, code="509900001000")
    _username, pages = township_pages()
    grid_pages = [reverse("people:resident_list") + "?q=zs", reverse("grid:matter_list"), reverse("grid:visit_list")]
    users = [
        {"session": _session(User.objects.get(username=name)), "households": [], "reads": list(pages.values())}
        for name in ("bench_legal_staff_1", "bench_leader_1")
    ]
    for grid in Area.objects.subtree(township).filter(level=Level.GRID).order_by("path"):
        households = list(Household.objects.filter(area=grid).values_list("pk", flat=True)[:200])
        member = User.objects.get(username=f"bench_grid_{grid.pk}")
        users.append({"session": _session(member), "households": households, "reads": grid_pages})
    return {
        "mode": mode,
        "users": users,
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "floor": FLOOR_PATH,
        "visit_form": reverse("grid:visit_create"),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 180) -> None:  # workers boot slowly on a loaded machine
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # the server answers (a 404 or a redirect to login is an answer)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def run(mode: str, port: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(plan(mode), fh, ensure_ascii=False)
    env = {**os.environ, "BENCH_LOAD_PLAN": fh.name}
    out = subprocess.run(
        [BIN / "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--users", str(USERS),
         "--spawn-rate", str(USERS), "--run-time", f"{SECONDS}s", "--host", f"http://127.0.0.1:{port}",
         "--json", "--skip-log", "--loglevel", "ERROR"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    os.unlink(fh.name)
    stats = json.loads(out[out.index("[") :])
    requests = sum(s["num_requests"] for s in stats)
    failures = sum(s["num_failures"] for s in stats)
    elapsed = max(s["last_request_timestamp"] for s in stats) - min(s["start_time"] for s in stats)
    return {"requests": requests, "errors": failures, "rps": requests / elapsed}


def main() -> dict:
    port = _free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--log-level", "warning"],
        cwd=ROOT, env=os.environ.copy(),
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{port}{FLOOR_PATH}")
        floor = run("floor", port)
        mixed = run("mixed", port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"users": USERS, "seconds": SECONDS, "workers": WORKERS, "floor": floor, "mixed": mixed}


if __name__ == "__main__":
    print(json.dumps(main()))
