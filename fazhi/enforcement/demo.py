"""Demo: 治平乡 执法人员 (idempotent)."""

import datetime

from fazhi.enforcement.models import Officer

OFFICERS = [("刘执法", "50022921501"), ("陈执法", "50022921502"), ("赵执法", "50022921503")]


def load(context: dict) -> None:
    township = context["township"]
    for name, no in OFFICERS:
        Officer.objects.get_or_create(
            certificate_no=no,
            defaults={"area": township, "name": name, "certificate_valid_until": datetime.date(2026, 12, 31)},
        )
