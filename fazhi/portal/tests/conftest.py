import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits_and_media(settings, tmp_path, db):
    # django-ratelimit counts in the default cache (a database table), which outlives a live-server test: every test
    # starts with clean counters.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()
