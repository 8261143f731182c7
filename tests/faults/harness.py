"""A real server under real load: gunicorn in its own process group, 50 writer threads, figures to report."""

import functools
import json
import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests
from urllib3.exceptions import NewConnectionError

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
# Any 32 letters are a valid CSRF secret; sending it as cookie and form field satisfies Django's check.
CSRF = "faultsfaultsfaultsfaultsfaults00"
DETAIL = re.compile(r"/grid/matters/(\d+)/$")


def app_env(*, var_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "FAZHI_", "DJANGO_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "faults-harness-key-" + "x" * 40,
        "DJANGO_DEBUG": "0",
        "FAZHI_VAR_DIR": str(var_dir),
        "FAZHI_LOG_LEVEL": "CRITICAL",  # the 503s under test would otherwise fill the log with tracebacks
        **extra,
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def app_side(env: dict[str, str], command: str, argument: str) -> dict:
    done = subprocess.run(
        [str(BIN / "python"), "-m", "tests.faults.app_side", command, argument],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


class Gunicorn:
    """`config.wsgi` under gunicorn; master and workers share one process group, so SIGKILL takes them all."""

    def __init__(self, env: dict[str, str], *, port: int, workers: int = 3, log: Path):
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self, *, timeout: float = 60) -> None:
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi",
                    *("--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)),
                    # Loaded once in the master before the fork: a restart is ready in seconds.
                    *("--preload", "--timeout", "60", "--graceful-timeout", "2"),
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            try:
                requests.get(f"{self.url}/accounts/login/", timeout=30)
                return
            except requests.RequestException:
                time.sleep(0.2)
        raise TimeoutError(f"gunicorn did not answer on {self.url}; see {self.log}")

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def client(session_key: str) -> requests.Session:
    http = requests.Session()
    http.cookies.set("sessionid", session_key)
    http.cookies.set("csrftoken", CSRF)
    return http


@dataclass
class Load:
    """What a run of writers did: every attempt, and the writes the server confirmed (description → pk)."""

    attempted: int = 0
    acknowledged: dict[str, int] = field(default_factory=dict)
    outcomes: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: str, description: str = "", pk: int = 0) -> None:
        with self.lock:
            self.attempted += 1
            self.outcomes[outcome] += 1
            if pk:
                self.acknowledged[description] = pk


def create_matter(http: requests.Session, base: str, *, setup: dict, description: str, files=None):
    data = {
        "csrfmiddlewaretoken": CSRF,
        "area": setup["grid"],
        "category": setup["category"],
        "description": description,
        "source": "grid_report",
    }
    return http.post(
        f"{base}/grid/matters/new/",
        data=data,
        files=files,
        allow_redirects=False,
        timeout=60,
        headers={"Referer": f"{base}/grid/matters/new/"},
    )


def _send_when_listening(send: Callable[[], requests.Response]) -> requests.Response:
    """A refused connection reached no server and wrote nothing: wait for one instead of using up the attempt."""
    while True:
        try:
            return send()
        except requests.ConnectionError as exc:
            if not isinstance(getattr(exc.args[0], "reason", None), NewConnectionError):
                raise
            time.sleep(0.5)


def run_writers(
    *,
    base: str,
    setup: dict,
    prefix: str,
    per_writer: int,
    writers: int = 50,
    load: Load | None = None,
    on_response: Callable[[requests.Response], None] | None = None,
) -> Load:
    """`writers` threads each POST `per_writer` new matters; a 302 to the detail page is an acknowledged write."""
    load = load or Load()

    def writer(n: int) -> None:
        http = client(setup["sessions"][n % len(setup["sessions"])])
        for i in range(per_writer):
            description = f"{prefix}-{n:02d}-{i:03d}"
            try:
                send = functools.partial(create_matter, http, base, setup=setup, description=description)
                response = _send_when_listening(send)
            except requests.RequestException:
                load.record("aborted")  # in flight when the server died: written or not, nobody was told
                continue
            if on_response is not None:
                on_response(response)
            found = DETAIL.search(response.headers.get("Location", "")) if response.status_code == 302 else None
            load.record(str(response.status_code), description, int(found.group(1)) if found else 0)
            if response.status_code >= 500:
                time.sleep(0.5)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load
