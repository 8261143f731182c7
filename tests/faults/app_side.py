"""What the fault tests run inside the application's own environment (a separate process per call).

`python -m tests.faults.app_side prepare 50` or `... matters <prefix>` prints one JSON line. The tests drive a
real server in other processes, so setting up and inspecting the database happens here, under the same
settings (DATABASE_URL, FAZHI_VAR_DIR) as the server under test.
"""

import json
import os
import sys

import django


def prepare(sessions: int) -> dict:
    """The two-county test world, the seeded dictionaries and `sessions` signed-in sessions of a grid member."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from fazhi.accounts.models import User
    from fazhi.accounts.roles import Role
    from fazhi.areas.testing import build_world
    from fazhi.core.dictionaries import dictionary_choices, dictionary_seed
    from fazhi.grid.choices import CATEGORY

    world = build_world()
    dictionary_seed()
    user: User = world.user(Role.GRID_MEMBER)
    keys = []
    for _i in range(sessions):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "fazhi.accounts.backends.PostBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return {"grid": world.grid.pk, "category": dictionary_choices(CATEGORY)[0][0], "sessions": keys}


def matters(prefix: str) -> dict:
    """Every matter whose description starts with `prefix`, and everything that would show a half-done write."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.audit import verify_chain
    from fazhi.core.models import Deadline
    from fazhi.grid.models import Matter, MatterEvent

    mine = Matter.objects.filter(description__startswith=prefix)
    with_deadline = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Matter)).values("object_id")
    chain = verify_chain()
    return {
        "found": dict(mine.values_list("description", "pk")),
        "without_register_event": mine.exclude(events__action="register").count(),
        "without_deadline": mine.exclude(pk__in=with_deadline).count(),
        "without_due_date": mine.filter(due_date__isnull=True).count(),
        "events_without_matter": MatterEvent.objects.exclude(matter__in=Matter.objects.all()).count(),
        "audit_chain_ok": chain.ok,
        "audit_entries": chain.checked,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    command, argument = sys.argv[1], sys.argv[2]
    result = prepare(int(argument)) if command == "prepare" else matters(argument)
    print(json.dumps(result))
