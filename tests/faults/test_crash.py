"""SIGKILL the whole gunicorn (master and workers) under 50 concurrent writers, restart it, count what survived."""

import threading
import time

import pytest

from tests.faults.conftest import WRITERS
from tests.faults.harness import Gunicorn, Load, app_env, app_side, manage, run_writers

pytestmark = pytest.mark.faults
PER_WRITER = 4  # 200 create requests per backend: enough to be mid-flight at the kill, short on two shared cores


def crash_in_the_middle(server: Gunicorn, load: Load, *, after: int) -> threading.Thread:
    def crash() -> None:
        while len(load.acknowledged) < after and load.attempted < WRITERS * PER_WRITER:
            time.sleep(0.05)
        server.kill()
        time.sleep(0.5)
        server.start()

    thread = threading.Thread(target=crash)
    thread.start()
    return thread


def survive_crash(*, env, setup, port, tmp_path, label, figures) -> None:
    server = Gunicorn(env, port=port, log=tmp_path / "gunicorn.log")
    server.start()
    try:
        load = Load()
        crasher = crash_in_the_middle(server, load, after=WRITERS * PER_WRITER // 3)
        run_writers(base=server.url, setup=setup, prefix=f"crash-{label}", per_writer=PER_WRITER, load=load)
        crasher.join()
    finally:
        server.stop()
    state = app_side(env, "matters", f"crash-{label}")
    found = state["found"]
    lost = {d: pk for d, pk in load.acknowledged.items() if found.get(d) != pk}
    figures.append(
        f"crash/{label}: writes attempted {load.attempted} / acknowledged {len(load.acknowledged)} / "
        f"found after the crash {len(found)} (acknowledged and found {len(load.acknowledged) - len(lost)}); "
        f"outcomes {dict(load.outcomes)}; audit chain {'intact' if state['audit_chain_ok'] else 'BROKEN'}"
    )
    assert load.attempted == WRITERS * PER_WRITER
    assert load.outcomes["aborted"], "no request was in flight at the kill: the crash came too late"
    assert not lost, f"acknowledged writes missing after the crash: {sorted(lost)[:5]}"
    assert set(found) <= {f"crash-{label}-{n:02d}-{i:03d}" for n in range(WRITERS) for i in range(PER_WRITER)}
    assert state["without_register_event"] == state["without_deadline"] == state["without_due_date"] == 0
    assert state["events_without_matter"] == 0
    assert state["audit_chain_ok"]


def test_acknowledged_writes_survive_sigkill_on_sqlite(tmp_path, figures):
    env = app_env(var_dir=tmp_path)
    manage(env, "migrate", "--noinput")
    setup = app_side(env, "prepare", str(WRITERS))
    survive_crash(env=env, setup=setup, port=28011, tmp_path=tmp_path, label="sqlite", figures=figures)


def test_acknowledged_writes_survive_sigkill_on_postgresql(pg_app, tmp_path, figures):
    env, setup = pg_app
    survive_crash(env=env, setup=setup, port=28012, tmp_path=tmp_path, label="postgresql", figures=figures)
