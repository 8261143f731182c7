"""Server time and query count of the main pages for a township user, beside the floor.

The floor is the same base layout with no data (the signed-in 404 page), measured in the same run, so a figure is a
ratio that holds on a noisy shared machine. Run through `make bench`, not directly.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

FLOOR_PATH = "/bench-floor/"  # no such page: the 404 page renders base.html with no data


def _time(client: Client, path: str, repeat: int) -> dict:
    client.get(path)  # warm caches and template loading
    samples, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            samples.append(time.perf_counter() - started)
        queries = len(captured)
        assert response.status_code in (200, 404), (path, response.status_code)
    samples.sort()
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": samples[max(0, int(len(samples) * 0.95) - 1)] * 1000,
        "queries": queries,
    }


# Queries are counted with CaptureQueriesContext rather than DEBUG=True: with DEBUG on, the floor would be Django's
# technical 404 page instead of the project's 404.html on base.html.
def measure(username: str, paths: dict[str, str], *, repeat: int = 30) -> dict:
    from fazhi.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    floor = _time(client, FLOOR_PATH, repeat)
    rows = {"floor": floor}
    for name, path in paths.items():
        row = _time(client, path, repeat)
        row["ratio_to_floor"] = row["median_ms"] / floor["median_ms"]
        rows[name] = row
    return rows
