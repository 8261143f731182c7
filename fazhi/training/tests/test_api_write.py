import datetime

import pytest
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.training import services
from fazhi.training.models import Attendance, Session

URL = "/api/v1/training/sessions/"


@pytest.fixture
def writer(world):
    return staff_at(world.other_township)


def _session(area, **overrides):
    return {"area": area.pk, "kind": "law_lecture", "held_on": "2026-03-05", "topic": "民法典讲座", "hours": "2.0",
            "participants": 0, **overrides}  # fmt: skip


def test_a_session_is_recorded_through_the_service_with_its_attendance(client, world, writer):
    cadres = [services.cadre_create(actor=writer, area=world.other_township, name=n) for n in ("甲", "乙", "丙")]
    response = post_as(client, writer, URL, _session(world.other_township, cadres=[c.pk for c in cadres]))
    assert response.status_code == 201, response.content
    session = Session.objects.get(pk=response.json()["id"])
    # The service's derived facts: 人次 raised to the named attendance, each cadre credited the session's hours.
    assert session.participants == 3 and response.json()["named_attendees"] == 3
    assert Attendance.objects.filter(session=session, hours=2).count() == 3
    assert audited_creation(session, writer)


def test_a_role_without_training_rights_is_refused(client, world):
    response = post_as(client, world.user(Role.GRID_MEMBER), URL, _session(world.township))
    assert response.status_code == 403 and not Session.objects.exists()


def test_another_township_is_out_of_reach(client, world, writer):
    response = post_as(client, writer, URL, _session(world.township))
    assert response.status_code == 403 and not Session.objects.exists()
    foreign = services.cadre_create(actor=None, area=world.township, name="外乡干部")
    response = post_as(client, writer, URL, _session(world.other_township, cadres=[foreign.pk]))
    assert_field_errors_in_chinese(response, {"cadres"})


def test_bad_input_answers_field_messages_in_chinese_and_writes_nothing(client, world, writer):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = post_as(client, writer, URL, {"area": world.other_township.pk, "kind": "nap", "hours": "x"})
    assert_field_errors_in_chinese(response, {"kind", "held_on", "topic", "hours"})
    response = post_as(client, writer, URL, _session(world.other_township, held_on=tomorrow))
    assert_field_errors_in_chinese(response, {"held_on"})
    village = make_area(world.other_township, Level.VILLAGE, "东安村", "500229104201")
    assert_field_errors_in_chinese(post_as(client, writer, URL, _session(village)), {"area"})
    assert Session.objects.count() == 0
