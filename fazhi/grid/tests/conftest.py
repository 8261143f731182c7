import pytest
from django.core.management import call_command

from fazhi.core.dictionaries import dictionary_seed


@pytest.fixture
def seeded(world):
    dictionary_seed()
    return world


@pytest.fixture
def calendar(db):
    call_command("setup_platform", stdout=open("/dev/null", "w"))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
