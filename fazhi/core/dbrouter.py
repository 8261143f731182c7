"""Reads from the streaming replica, writes to the primary (active only when DATABASE_REPLICA_URL is set).

Only the reads of a safe request (GET/HEAD/OPTIONS) may go to the replica, and only when the user has not
written in the last few seconds: the replica lags the primary by a little, and a user who has just saved a
record must see it on the next page (read-your-writes). Everything else — POSTs, management commands,
background tasks — reads from the primary, so code that writes then reads never meets replication lag.
A replica that cannot be reached is skipped for a while: reads fall back to the primary.
"""

import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "fazhi_read_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _RequestReads:
    replica_allowed: bool
    replica_checked: bool = False


_reads: ContextVar[_RequestReads | None] = ContextVar("fazhi_request_reads", default=None)
# Per process: until when the replica is considered down after a failed connection.
_replica_down_until = 0.0


def _replica_usable(reads: _RequestReads) -> bool:
    """Once per request, make sure the replica answers; on failure, use the primary for the next seconds."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    if reads.replica_checked:
        return True
    reads.replica_checked = True
    conn = connections[REPLICA]
    try:
        if conn.connection is not None and not conn.is_usable():
            conn.close()
        conn.ensure_connection()
    except DatabaseError:
        _replica_down_until = time.monotonic() + settings.FAZHI_REPLICA_RETRY_SECONDS
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None  # the socket is already gone; forget it so the next try reconnects
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if reads is not None and reads.replica_allowed and _replica_usable(reads):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data; a row read from the replica may point at one read from the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None


class ReadYourWritesMiddleware:
    """Decides, per request, whether reads may go to the replica; after a write, pins the user to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        allowed = safe and REPLICA in settings.DATABASES and PIN_COOKIE not in request.COOKIES
        token = _reads.set(_RequestReads(replica_allowed=allowed))
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if not safe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.FAZHI_READ_PRIMARY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
