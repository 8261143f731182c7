import pytest

from fazhi.publicity.tests.helpers import seed_publicity_dictionaries


@pytest.fixture
def dictionaries(db):
    seed_publicity_dictionaries()
