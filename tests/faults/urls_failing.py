"""The real URLs and 500 handler, plus three views that fail the way production fails."""

import errno

from django.db import OperationalError
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as real_urlpatterns


def database_down_view(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def disk_full_view(request):
    raise OSError(errno.ENOSPC, "No space left on device")


def bug_view(request):
    raise ValueError("a plain bug")


urlpatterns = [
    *real_urlpatterns,
    path("faults/database-down/", database_down_view),
    path("faults/disk-full/", disk_full_view),
    path("faults/bug/", bug_view),
]
__all__ = ["handler500", "urlpatterns"]
