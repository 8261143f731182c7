"""A create form posted twice without JavaScript saves once (security review, low): the second post of the same
rendered form goes where the first one went, with a Chinese message."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.core.idempotency import FIELD
from fazhi.disclosure.models import Board
from fazhi.training.models import Session

TOKEN = re.compile(rf'name="{FIELD}" value="([^"]+)"')


def _token(client, url) -> str:
    tokens = TOKEN.findall(client.get(url).content.decode())
    assert tokens, "the form renders its one-time token"
    return tokens[0]


def _session_data(world, token):
    return {
        "area": world.township.pk,
        "kind": "center_group",
        "held_on": "2023-03-01",
        "topic": "学习宪法",
        "hours": "2",
        "participants": "12",
        FIELD: token,
    }


@pytest.fixture
def staff(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    return client


def test_a_double_submitted_session_form_creates_one_session(world, staff):
    url = reverse("training:session_create")
    data = _session_data(world, _token(staff, url))
    first = staff.post(url, data)
    second = staff.post(url, data, follow=True)
    assert Session.objects.count() == 1
    assert first.status_code == 302 and second.redirect_chain[0][0] == first["Location"]
    assert "该表单已经提交过，没有重复保存" in second.content.decode()


def test_each_rendering_of_the_form_may_be_saved_once(world, staff):
    url = reverse("training:session_create")
    staff.post(url, _session_data(world, _token(staff, url)))
    staff.post(url, _session_data(world, _token(staff, url)))
    assert Session.objects.count() == 2


def test_a_form_refused_with_errors_can_be_corrected_and_saved_with_the_same_token(world, staff):
    url = reverse("training:session_create")
    token = _token(staff, url)
    bad = staff.post(url, {**_session_data(world, token), "topic": ""})
    assert bad.status_code == 200 and not Session.objects.exists()
    assert staff.post(url, _session_data(world, token)).status_code == 302
    assert Session.objects.count() == 1


def test_another_user_replaying_a_token_is_not_sent_to_the_first_users_record(world, staff):
    url = reverse("training:session_create")
    data = _session_data(world, _token(staff, url))
    staff.post(url, data)
    other = Client()
    other.force_login(make_user("token_other", role=Role.LEGAL_STAFF, area=world.township))
    response = other.post(url, data)
    assert response.status_code == 302 and Session.objects.count() == 2


def test_a_double_submitted_board_form_creates_one_board(world, client):
    client.force_login(world.user(Role.VILLAGE_CADRE))
    url = reverse("disclosure:board_create")
    data = {
        "area": world.village.pk,
        "category": "party",
        "frequency": "quarterly",
        "location": "村委会",
        "established_on": "2023-03-01",
        FIELD: _token(client, url),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert Board.objects.count() == 1
    assert first.status_code == 302 and second["Location"] == first["Location"]
