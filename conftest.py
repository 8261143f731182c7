import pytest

from fazhi.areas.testing import build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is not under test; MD5 keeps hundreds of test logins fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()
