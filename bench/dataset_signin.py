"""Time a sign-in (the login form posted with the right password: Argon2id verification, session, access log) beside
its floor, the same login page fetched without posting; prints JSON. Called by bench/run.py with FAZHI_VAR_DIR set.

Reported as a ratio, with no target: it shows what the chosen Argon2 parameters (fazhi/accounts/hashers.py) cost at
each sign-in on this machine (the security review measured 1–2 s with Django's defaults)."""

import json
import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth.hashers import check_password  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from fazhi.accounts.models import User  # noqa: E402

USERNAME = "bench_signin"
PASSWORD = "Bench#Sign1n-2026"
REPEAT = int(os.environ.get("BENCH_SIGNIN_REPEAT", 15))


def _median_ms(fn) -> float:
    fn()  # warm caches and imports
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    user, _ = User.objects.get_or_create(username=USERNAME, defaults={"display_name": "基准测试"})
    user.set_password(PASSWORD)
    user.save()
    url = reverse("accounts:login")

    def sign_in():
        client = Client()
        response = client.post(url, {"username": USERNAME, "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 302, response.status_code

    floor_ms = _median_ms(lambda: Client().get(url))
    sign_in_ms = _median_ms(sign_in)
    hash_ms = _median_ms(lambda: check_password(PASSWORD, user.password))
    user.delete()
    print(
        json.dumps(
            {
                "sign_in_ms": sign_in_ms,
                "floor_ms": floor_ms,
                "ratio_to_floor": sign_in_ms / floor_ms,
                "password_check_ms": hash_ms,
                "hash": user.password.split("$")[3] if user.password.startswith("argon2") else "",
            }
        )
    )


if __name__ == "__main__":
    main()
