import os

import pytest

from fazhi.core.pgcluster import ClusterSet
from tests.faults.harness import app_env, app_side, manage

FIGURES: list[str] = []
WRITERS = 50


@pytest.fixture(scope="session")
def figures():
    return FIGURES


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("faults survived — figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def clusters():
    """A private primary and its streaming replica on their own ports; the shared server on 5432 is never touched."""
    pg = ClusterSet(port=int(os.environ.get("FAZHI_FAULTS_PG_PORT", 25432)))
    try:
        primary = pg.primary()
        primary.sql("CREATE DATABASE fazhi")
        replica = pg.replica(primary)
        yield primary, replica
    finally:
        pg.teardown()


@pytest.fixture(scope="session")
def pg_app(clusters, tmp_path_factory):
    """The application migrated on the private primary, with a test world and 50 signed-in sessions."""
    primary, _replica = clusters
    env = app_env(var_dir=tmp_path_factory.mktemp("pg-var"), database_url=primary.url("fazhi"))
    manage(env, "migrate", "--noinput")
    return env, app_side(env, "prepare", str(WRITERS))
