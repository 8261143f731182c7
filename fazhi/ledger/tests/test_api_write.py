import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.ledger import services
from fazhi.ledger.models import Entry, EntryValue

URL = "/api/v1/ledger/entries/"


@pytest.fixture
def writer(world):
    return staff_at(world.other_township)


@pytest.fixture
def record_type(world, writer):
    """A custom type an admin of 明通镇 defined in the browser: 法治夜校 with two measures and a required field."""
    return services.record_type_create(
        actor=writer,
        area=world.other_township,
        name="法治夜校",
        section="other",
        measures=[("场次", "场"), ("听课人数", "人")],
        fields=[("主讲人", True)],
    )


def _entry(record_type, area, **overrides):
    first, second = record_type.measures.order_by("pk")
    return {
        "record_type": record_type.pk,
        "area": area.pk,
        "occurred_on": "2026-04-10",
        "values": [{"measure": first.pk, "value": "1"}, {"measure": second.pk, "value": "36"}],
        "extra": [{"field": record_type.fields.get().pk, "value": "李律师"}],
        **overrides,
    }


def test_an_entry_of_a_custom_type_is_recorded_with_its_values_and_fields(client, world, writer, record_type):
    response = post_as(client, writer, URL, _entry(record_type, world.other_township))
    assert response.status_code == 201, response.content
    entry = Entry.objects.get(pk=response.json()["id"])
    assert sorted(v["value"] for v in response.json()["values"]) == ["1.00", "36.00"]
    assert entry.recorded_by == writer and entry.extra == {str(record_type.fields.get().pk): "李律师"}
    assert audited_creation(entry, writer)


def test_entries_refuse_another_role_another_township_and_bad_input(client, world, writer, record_type):
    assert (
        post_as(client, world.user(Role.GRID_ADMIN), URL, _entry(record_type, world.other_township)).status_code == 403
    )
    assert post_as(client, writer, URL, _entry(record_type, world.township)).status_code == 403
    first, second = record_type.measures.order_by("pk")
    field = record_type.fields.get()
    bad = _entry(record_type, world.other_township, values=[{"measure": first.pk, "value": "-2"}], extra=[])
    assert_field_errors_in_chinese(post_as(client, writer, URL, bad), {f"measure_{second.pk}", f"field_{field.pk}"})
    shape = post_as(client, writer, URL, {"record_type": 999999, "area": world.other_township.pk, "values": "x"})
    assert_field_errors_in_chinese(shape, {"record_type", "occurred_on", "values"})
    assert not Entry.objects.exists() and not EntryValue.objects.exists()
