"""A real streaming replica: reads served from it, writes on the primary, read-your-writes, and a fallback."""

import time

import pytest

from tests.faults.harness import DETAIL, Gunicorn, client, create_matter

pytestmark = pytest.mark.faults


def wait_until(condition, *, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_reads_go_to_the_replica_writes_to_the_primary_and_survive_its_loss(clusters, pg_app, tmp_path, figures):
    primary, replica = clusters
    env, setup = pg_app
    env = env | {"DATABASE_REPLICA_URL": replica.url("fazhi"), "FAZHI_READ_PRIMARY_SECONDS": "3"}
    server = Gunicorn(env, port=28014, log=tmp_path / "gunicorn.log")
    server.start()
    writer, reader = client(setup["sessions"][1]), client(setup["sessions"][2])
    count = "SELECT count(*) FROM grid_matter WHERE description = 'replica-1'"
    try:
        assert replica.sql("SELECT pg_is_in_recovery()") == "t"
        # Hold the replica back so that what it serves can be told apart from what the primary has.
        replica.sql("SELECT pg_wal_replay_pause()")
        created = create_matter(writer, server.url, setup=setup, description="replica-1")
        assert created.status_code == 302
        detail = f"{server.url}{DETAIL.search(created.headers['Location']).group(0)}"
        assert (primary.sql(count, db="fazhi"), replica.sql(count, db="fazhi")) == ("1", "0")

        # The writer reads from the primary for a few seconds (read-your-writes) …
        assert writer.get(detail, timeout=30).status_code == 200
        # … everybody else reads from the replica, which has not replayed the write yet.
        assert reader.get(detail, timeout=30).status_code == 404
        time.sleep(3.5)
        assert writer.get(detail, timeout=30).status_code == 404, "the writer's pin to the primary did not expire"

        replica.sql("SELECT pg_wal_replay_resume()")
        resumed = time.monotonic()
        wait_until(lambda: replica.sql(count, db="fazhi") == "1")
        caught_up = time.monotonic() - resumed
        page = reader.get(detail, timeout=30)
        assert page.status_code == 200 and "replica-1" in page.text

        replica.stop(mode="immediate")
        fallback = reader.get(detail, timeout=30)
        listing = reader.get(f"{server.url}/grid/matters/", timeout=30)
        assert fallback.status_code == 200 and "replica-1" in fallback.text
        assert listing.status_code == 200
    finally:
        server.stop()
        if not replica.is_running():
            replica.start()
    figures.append(
        "replica/postgresql: page served from the hot standby (404 while its replay was paused, 200 after); "
        f"write on the primary reached the replica {caught_up:.1f}s after replay resumed; "
        "writer read its own write from the primary; replica stopped → reads fell back to the primary (200)"
    )
