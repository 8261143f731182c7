"""Helpers for the apps' test_api_write.py: post as someone, check the audit trail, check Chinese field messages."""

import re

from django.contrib.contenttypes.models import ContentType

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.core.models import AuditEntry

HAN = re.compile(r"[\u4e00-\u9fff]")


def post_as(client, user, url: str, data: dict):
    client.force_login(user)
    return client.post(url, data, content_type="application/json")


def staff_at(area, role: str = Role.LEGAL_STAFF, username: str = "api_writer"):
    """A member of staff at `area` — the tests write in 明通镇, not the demo's township."""
    return make_user(username, role=role, area=area)


def audited_creation(record, actor) -> bool:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_pk=str(record.pk),
        action=AuditEntry.Action.CREATE,
        actor=actor,
    ).exists()


def _messages(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [m for v in value.values() for m in _messages(v)]
    return [m for v in value for m in _messages(v)]


def assert_field_errors_in_chinese(response, fields: set[str]) -> None:
    """400, each named field carries at least one message, and every message is written in Chinese."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert fields <= set(body), body
    for field in fields:
        messages = _messages(body[field])
        assert messages and all(HAN.search(m) for m in messages), (field, messages)
