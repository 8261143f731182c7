"""Bad input at scale against the API: schemathesis generates requests (valid and invalid) from the OpenAPI schema
served at /api/v1/schema/ and sends them to the Django WSGI app, signed in as several roles.

Every response must be below 500 and match the schema (content type, body). Whatever api.py files are registered
when this runs are covered: the operations come from the live schema — the write endpoints included, sent by three
signed-in roles and by a service account with its bearer token. No response may leak: records of the county nobody
at home can see carry a marker that must never appear, and a resident's full 身份证号 and phone never either.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from fazhi.accounts.roles import Role
from fazhi.areas.service_accounts import service_account_create
from fazhi.counsel.services import consultation_create
from fazhi.people.services import resident_create
from fazhi.people.tests.conftest import make_id
from tests.security.conftest import FIGURES

ROLES = [Role.LEGAL_STAFF, Role.GRID_MEMBER, Role.LEADER]
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
STATUSES: Counter = Counter()
LEAK_MARKER = "泄露探针"
HOME_ID_NUMBER = make_id("19800202", 135)
HOME_PHONE = "13900001111"
EXAMPLES = 4  # per operation, generation mode and role: the whole run stays within about two minutes
APP = WSGIHandler()
SCHEMA_URL = "/api/v1/schema/?format=json"


def _signed_in(user) -> dict:
    # A real session (SessionAuthentication) and a matching CSRF cookie/header pair, so that writes reach the
    # serializers instead of stopping at the CSRF check.
    client = Client()
    client.force_login(user)
    csrf = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        "headers": {"X-CSRFToken": csrf},
    }


@pytest.fixture
def same_connection():
    """Keep the test transaction's connection across the WSGI calls, as Django's test client does: the request
    signals would close a connection that is not in autocommit mode (on SQLite's in-memory database, a no-op)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def sessions(world) -> dict[str, dict]:
    signed_in = {role: _signed_in(world.user(role)) for role in ROLES}
    _account, token = service_account_create(
        actor=world.user(Role.SEC_ADMIN), username="fuzz-hotline", display_name="热线", purpose="模糊测试",
        role=Role.GRID_ADMIN, area=world.township, rate_per_minute=6000,
    )  # fmt: skip
    signed_in["service account"] = {"headers": {"Authorization": f"Bearer {token}"}}
    return signed_in


@pytest.fixture
def leak_probes(world):
    """Records nobody at home may read, marked; and a home resident whose full numbers must never be served."""
    resident_create(actor=None, area=world.foreign_grid, name=LEAK_MARKER)
    consultation_create(actor=None, area=world.foreign_county, received_on=world.foreign_county.valid_from,
                        topic=LEAK_MARKER, person=LEAK_MARKER)  # fmt: skip
    resident_create(actor=None, area=world.grid, name="探针居民", id_number=HOME_ID_NUMBER, phone=HOME_PHONE)


@pytest.fixture
def api_schema(world):
    # The schema URL needs a signed-in caller; werkzeug's client (from_wsgi) drops a Cookie header, so the schema is
    # fetched with Django's client and the generated requests go to the same WSGI app.
    client = Client()
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    loaded = schemathesis.openapi.from_dict(response.json())
    loaded.app = APP
    loaded.location = SCHEMA_URL
    return loaded


def _exercise(operation, mode: GenerationMode, sessions: dict, failures: list) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        FIGURES["schemathesis examples"] += 1
        for role, signed_in in sessions.items():
            response = case.call(**signed_in)
            FIGURES["schemathesis requests sent"] += 1
            FIGURES["schemathesis 5xx"] += response.status_code >= 500
            body = response.content.decode(errors="replace")
            leaked = [probe for probe in (LEAK_MARKER, HOME_ID_NUMBER, HOME_PHONE) if probe in body]
            FIGURES["schemathesis leaks"] += bool(leaked)
            if leaked:
                failures.append(f"{operation.label} [{mode}, {role}] {response.status_code}: leaked {leaked}")
            STATUSES[f"{response.status_code} {case.method}"] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except (AssertionError, FailureGroup) as exc:
                failures.append(f"{operation.label} [{mode}, {role}] {response.status_code}: {str(exc)[:400]}")

    run()


@pytest.mark.usefixtures("leak_probes")
def test_no_request_gets_a_server_error_or_a_response_outside_the_schema(api_schema, sessions, same_connection, capsys):
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _exercise(operation, mode, sessions, failures)
    FIGURES["schemathesis operations"] = len(operations)
    FIGURES["schemathesis failed checks"] = len(failures)
    with capsys.disabled():
        print("\nschemathesis responses by status and method:", dict(sorted(STATUSES.items())))
    assert len(operations) >= 20  # the whole API, not a schema that failed to load
    # Generated writes get past the CSRF check to the serializers (400 with field errors), and reads succeed.
    assert STATUSES["400 POST"] > 0 and STATUSES["200 GET"] > 0
    writes = [op for op in operations if op.method.upper() == "POST"]
    assert len(writes) >= 15  # the write API is in the schema and was exercised
    assert FIGURES["schemathesis leaks"] == 0
    assert failures == []
