"""PostgreSQL stops under load: the application answers a clear 503 meanwhile and recovers by itself."""

import threading
import time

import pytest

from tests.faults.conftest import WRITERS
from tests.faults.harness import Gunicorn, Load, app_side, client, create_matter, run_writers

pytestmark = pytest.mark.faults
PER_WRITER = 4
UNAVAILABLE_TEXT = "数据库暂时连接不上"


def test_database_outage_answers_503_and_recovers_by_itself(clusters, pg_app, tmp_path, figures):
    primary, _replica = clusters
    env, setup = pg_app
    server = Gunicorn(env, port=28013, log=tmp_path / "gunicorn.log")
    server.start()
    load, outage = Load(), {}
    unclear: list[int] = []

    def check(response) -> None:
        if response.status_code >= 500 and (response.status_code != 503 or UNAVAILABLE_TEXT not in response.text):
            unclear.append(response.status_code)

    def stop_and_start_the_database() -> None:
        while len(load.acknowledged) < WRITERS * PER_WRITER // 4:
            time.sleep(0.05)
        primary.kill()
        reader = client(setup["sessions"][0])
        during = reader.get(f"{server.url}/grid/matters/", timeout=30)
        outage["status"], outage["retry_after"] = during.status_code, during.headers.get("Retry-After")
        outage["clear"] = UNAVAILABLE_TEXT in during.text and "<h1>系统暂时无法访问</h1>" in during.text
        time.sleep(2)
        primary.start()
        started = time.monotonic()
        while reader.get(f"{server.url}/grid/matters/", timeout=30).status_code != 200:
            time.sleep(0.2)
        outage["recovered_in"] = time.monotonic() - started
        outage["write_after"] = create_matter(reader, server.url, setup=setup, description="outage-after").status_code

    fault = threading.Thread(target=stop_and_start_the_database)
    fault.start()
    try:
        run_writers(base=server.url, setup=setup, prefix="outage", per_writer=PER_WRITER, load=load, on_response=check)
        fault.join()
    finally:
        server.stop()
    state = app_side(env, "matters", "outage")
    lost = {d for d, pk in load.acknowledged.items() if state["found"].get(d) != pk}
    figures.append(
        f"database down/postgresql: writes attempted {load.attempted} / acknowledged {len(load.acknowledged)} / "
        f"found {len(state['found'])}; outcomes {dict(load.outcomes)}; page while down: {outage['status']}; "
        f"answering again {outage['recovered_in']:.1f}s after the restart, next write {outage['write_after']}"
    )
    assert outage["status"] == 503 and outage["clear"] and outage["retry_after"]
    assert load.outcomes["503"], "no write met the outage"
    assert not unclear, f"server errors other than the clear 503 page: {unclear}"
    assert not lost
    assert outage["write_after"] == 302 and "outage-after" in state["found"]
    assert state["without_register_event"] == state["without_deadline"] == state["without_due_date"] == 0
    assert state["audit_chain_ok"]
