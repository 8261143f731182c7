"""The dispute and matter forms pick a party by typing (issue 23): their pages neither query more nor grow with the
number of residents in scope, measured on a generated county with 40 and with 800 residents per township."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from fazhi.accounts.models import User
from fazhi.people.models import Resident
from tests.pages import open_counted

pytestmark = pytest.mark.django_db

# Each form opened by a township user who enters it: the legal staff, the 综治 grid administrator.
FORMS = {"mediation:dispute_create": "bench_legal_staff_1", "grid:matter_create": "bench_grid_admin_1"}
SMALL = {"townships": 1, "residents_per_township": 40, "years": 1}
LARGE = {"townships": 1, "residents_per_township": 800, "years": 1}


def _measure(size: dict) -> dict:
    results = {}
    with transaction.atomic():
        call_command("generate_area", seed=11, stdout=io.StringIO(), **size)
        for name, username in FORMS.items():
            user = User.objects.get(username=username)
            client = Client()
            client.force_login(user)
            response, queries, _paged = open_counted(client, name)
            residents = Resident.objects.visible_to(user).count()
            results[name] = (response.status_code, queries, len(response.content), residents)
        transaction.set_rollback(True)
    cache.clear()
    return results


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ContentType.objects.clear_cache()
        cache.clear()
        small = _measure(SMALL)
        ContentType.objects.clear_cache()
        large = _measure(LARGE)
    return small, large


@pytest.mark.parametrize("name", FORMS)
def test_a_form_page_does_not_grow_with_the_residents_in_scope(measured, name):
    small, large = measured
    assert large[name][3] >= 10 * small[name][3] > 0
    assert small[name][0] == large[name][0] == 200
    assert large[name][1] == small[name][1], f"{name}: {small[name][1]} queries, then {large[name][1]}"
    # The same page but for the names the generator drew (its areas, mediators, leaders are the same in number).
    assert abs(large[name][2] - small[name][2]) < 2_000, f"{name}: {small[name][2]} bytes, then {large[name][2]}"
