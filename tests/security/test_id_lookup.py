"""An exact 身份证号 search is a yes/no oracle: rate limited per user and audited as a lookup (who, when, hit or not),
never with the number itself (security review, low)."""

import json

import pytest
from django.core import serializers
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.models import AuditEntry
from fazhi.people.services import resident_create
from fazhi.people.tests.conftest import make_id

REGISTERED = make_id(seq=123)
UNKNOWN = make_id(seq=456)


@pytest.fixture
def member(world, client):
    dictionary_seed()
    resident_create(actor=None, area=world.grid, name="欧阳小明", id_number=REGISTERED)
    user = world.user(Role.GRID_MEMBER)
    client.force_login(user)
    return user


def _lookups():
    return list(AuditEntry.objects.filter(object_repr="lookup:id_number").order_by("seq"))


def test_each_exact_id_search_is_audited_with_hit_or_miss_and_never_the_number(member, client):
    assert "欧阳小明" in client.post(reverse("people:resident_list"), {"q": REGISTERED}).content.decode()
    client.post(reverse("people:resident_list"), {"q": UNKNOWN})
    client.get(reverse("people:resident_search"), {"resident_search": REGISTERED})
    entries = _lookups()
    assert [(e.actor_id, e.additional_data["page"], e.additional_data["hit"]) for e in entries] == [
        (member.pk, "resident_list", True),
        (member.pk, "resident_list", False),
        (member.pk, "resident_search", True),
    ]
    stored = json.dumps(json.loads(serializers.serialize("json", entries)), ensure_ascii=False)
    assert REGISTERED not in stored and UNKNOWN not in stored and REGISTERED[6:14] not in stored


def test_a_name_search_is_neither_audited_as_a_lookup_nor_counted(member, client, settings):
    settings.FAZHI_ID_LOOKUP_RATE = "1/h"
    for _ in range(3):
        assert client.post(reverse("people:resident_list"), {"q": "欧阳"}).status_code == 200
    assert _lookups() == []


def test_exact_id_searches_beyond_the_rate_are_refused_in_chinese(member, client, settings):
    settings.FAZHI_ID_LOOKUP_RATE = "3/h"
    for number in (UNKNOWN, make_id(seq=457), make_id(seq=458)):
        assert client.post(reverse("people:resident_list"), {"q": number}).status_code == 200
    refused = client.post(reverse("people:resident_list"), {"q": REGISTERED})
    assert refused.status_code == 429 and "按身份证号精确查询过于频繁" in refused.content.decode()
    assert "欧阳小明" not in refused.content.decode()
    search = client.get(reverse("people:resident_search"), {"resident_search": REGISTERED})
    assert search.status_code == 429
    assert len(_lookups()) == 3  # a refused search answers nothing, so there is no lookup to record
