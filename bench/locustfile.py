"""Mixed read/write load for `bench/throughput.py` (locust headless, against 127.0.0.1 only).

Each virtual user is a signed-in township or grid user (sessions prepared by throughput.py, no login traffic). Mixed
mode: four reads to one write — the pages of bench/scenarios.py and the lists, and a patrol visit recorded through
the visit form (GET for the CSRF token, then POST). Floor mode: the empty-layout page only.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["BENCH_LOAD_PLAN"], encoding="utf-8").read())
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class TownshipUser(HttpUser):
    wait_time = between(0, 0)  # closed loop: throughput is what the server sustains

    def on_start(self):
        self.me = PLAN["users"][id(self) % len(PLAN["users"])]
        self.client.cookies.set(PLAN["cookie_name"], self.me["session"])

    @task(4)
    def read(self):
        if PLAN["mode"] == "floor":
            with self.client.get(PLAN["floor"], name="floor", catch_response=True) as response:
                if response.status_code == 404:
                    response.success()  # the floor is the signed-in 404 page (bench/pages.py)
            return
        path = random.choice(PLAN["reads"])
        self.client.get(path, name=path.split("?")[0])

    @task(1)
    def write(self):
        if PLAN["mode"] == "floor" or not self.me["households"]:
            return self.read()  # township staff only read; grid members record visits in their own grid
        form = self.client.get(PLAN["visit_form"], name="visit form")
        match = TOKEN.search(form.text)
        if match is None:
            form.failure("no CSRF token on the visit form")
            return
        with self.client.post(
            PLAN["visit_form"],
            data={
                "csrfmiddlewaretoken": match.group(1),
                "household": random.choice(self.me["households"]),
                "visited_on": "2023-06-01",
                "notes": "压测走访",
            },
            headers={"Referer": self.host + PLAN["visit_form"]},
            name="visit record",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"visit not recorded: {response.status_code}")
