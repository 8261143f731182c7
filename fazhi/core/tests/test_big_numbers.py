"""A number ≥ 2^63 where an id is expected is an invalid choice, never a 500 (security review, low)."""

import pytest
from django import forms
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import Area
from fazhi.training.models import Session

BIG = 2**63
HUGE = 10**30


@pytest.mark.parametrize("value", [BIG, HUGE, -(2**63) - 1])
def test_out_of_range_ids_in_an_in_lookup_match_nothing(world, value):
    assert list(User.objects.filter(pk__in=[value])) == []
    assert list(Area.objects.filter(parent__in=[value, world.township.pk])) == list(
        Area.objects.filter(parent=world.township)
    )
    assert User.objects.exclude(pk__in=[value]).count() == User.objects.count()


def test_a_multi_select_refuses_a_huge_number_with_the_usual_message(world):
    field = forms.ModelMultipleChoiceField(queryset=User.objects.all())
    with pytest.raises(forms.ValidationError, match="不在可用的选项中"):
        field.clean([str(BIG)])


def test_a_create_form_with_a_huge_number_in_its_multi_select_shows_the_error_and_saves_nothing(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    data = {
        "area": world.township.pk,
        "kind": "center_group",
        "held_on": "2023-03-01",
        "topic": "学习宪法",
        "hours": "2",
        "participants": "12",
        "cadres": [str(BIG)],
    }
    response = client.post(reverse("training:session_create"), data)
    assert response.status_code == 200
    assert "不在可用的选项中" in response.content.decode()
    assert not Session.objects.exists()
