"""Records that a whole test module reads, built once for the module and rolled back after it.

Building the demo township took 4–16 s per test (more on PostgreSQL). A module-scoped fixture builds it once, in an
atomic block opened with the test database unblocked; each test still takes the `db` fixture, whose own atomic
block becomes a savepoint inside this one, so what a test writes (a second `load_demo`, a new record) is undone
after it, and the shared records are undone after the module.

Why per module and not per session: most tests build their own small world (fazhi.areas.testing.build_world) with
the demo's area codes and count all rows of a table, and transactional tests flush the database; a demo shared by
the whole session would break them. A module that uses `shared_records` must therefore hold only tests that read
those records (and non-database tests), never one that needs an empty database or a committed transaction. Mark
the module `pytest.mark.xdist_group(...)` so that pytest-xdist runs it on one worker and builds the records once.

    @pytest.fixture(scope="module")
    def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
        yield from shared_records(django_db_blocker, tmp_path_factory, lambda: call_command("load_demo"))

    @pytest.fixture
    def demo(_demo, db):
        return _demo
"""

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, transaction
from django.test.utils import override_settings

T = TypeVar("T")


def shared_records(django_db_blocker, tmp_path_factory, build: Callable[[], T]) -> Iterator[T]:
    """The body of a module-scoped fixture: yields build()'s result; nothing it wrote outlives the module."""
    with django_db_blocker.unblock():
        block = transaction.atomic(using=DEFAULT_DB_ALIAS)
        block.__enter__()
        # Like Django's TestCase class-level block: a service's atomic(durable=True) may run inside it.
        block._from_testcase = True
        try:
            # Files the builder writes go to a folder of their own, never var/media (shared by xdist workers).
            with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("shared-media"))):
                built = build()
        except BaseException:
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            block.__exit__(None, None, None)
            raise
    try:
        # Database access stays blocked between tests: a test reaches these records through the `db` fixture only.
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            block.__exit__(None, None, None)
