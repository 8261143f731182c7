import pytest
from django.utils import translation

from fazhi.areas.testing import build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is not under test; MD5 keeps hundreds of test logins fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _chinese_and_private_media(settings, tmp_path):
    # Each test starts in the platform's language and writes uploads to its own folder, not var/media.
    translation.activate(settings.LANGUAGE_CODE)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    yield
    translation.activate(settings.LANGUAGE_CODE)
