"""Every export of personal data leaves an audit entry: who, which filter, how many rows (security review, medium;
个人信息保护法 第五十一条)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.models import AuditEntry
from fazhi.grid.services import matter_create, visit_record
from fazhi.people.services import household_create, resident_create
from fazhi.people.tests.conftest import make_id

NUMBER = make_id("19900101", 123)


@pytest.fixture
def member(world, client):
    dictionary_seed()
    call_command("setup_platform", stdout=io.StringIO())
    user = world.user(Role.GRID_MEMBER)
    client.force_login(user)
    world.member = user
    household = household_create(actor=None, area=world.grid, number="01-001", head_name="张大")
    resident_create(actor=None, area=world.grid, name="张三", id_number=NUMBER, household=household)
    resident_create(actor=None, area=world.grid, name="李四", household=household)
    matter_create(actor=None, area=world.grid, category="dispute", source="phone", description="邻里纠纷")
    visit_record(actor=user, household=household, visited_on=datetime.date(2024, 3, 1), notes="走访")
    return world


def _export_entries():
    return list(AuditEntry.objects.filter(object_repr__startswith="export:").order_by("seq"))


def _export(client, url, params, export):
    response = client.get(reverse(url), params, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    (entry,) = _export_entries()
    assert entry.action == AuditEntry.Action.ACCESS
    assert entry.additional_data["export"] == export
    assert entry.remote_addr == "10.9.8.7"
    return entry


def test_the_resident_export_is_recorded_with_its_filter_masked(member, client):
    entry = _export(client, "people:resident_export", {"q": NUMBER, "status": "resident"}, "residents")
    assert entry.actor == member.member
    assert entry.additional_data["rows"] == 1
    assert entry.additional_data["filters"] == {"q": "*" * 18, "status": "resident"}
    assert NUMBER not in str(entry.additional_data) and NUMBER not in entry.object_repr


def test_the_household_export_is_recorded(member, client):
    entry = _export(client, "people:household_export", {"q": "张大"}, "households")
    assert (entry.actor, entry.additional_data["rows"]) == (member.member, 1)
    assert entry.additional_data["filters"] == {"q": "张*"}


def test_the_matter_export_is_recorded(member, client):
    entry = _export(client, "grid:matter_export", {"category": "dispute"}, "matters")
    assert (entry.actor, entry.additional_data["rows"]) == (member.member, 1)
    assert entry.additional_data["filters"] == {"category": "dispute"}


def test_the_visit_export_is_recorded(member, client):
    entry = _export(client, "grid:visit_export", {"date_from": "2024-01-01"}, "visits")
    assert (entry.actor, entry.additional_data["rows"]) == (member.member, 1)
    assert entry.additional_data["filters"] == {"date_from": "2024-01-01"}


def test_export_entries_keep_the_audit_chain_whole(member, client):
    client.get(reverse("people:resident_export"))
    client.get(reverse("grid:matter_export"))
    assert len(_export_entries()) == 2
    call_command("audit_verify", stdout=io.StringIO())
