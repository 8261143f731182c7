import datetime

import pytest

from fazhi.core.dictionaries import dictionary_seed
from fazhi.people.validation import id_check_char


def make_id(birth: str = "19900101", seq: int = 123, region: str = "500229") -> str:
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture
def seeded(world):
    dictionary_seed()
    return world


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
