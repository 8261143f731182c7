import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits_and_media(settings, tmp_path):
    # django-ratelimit counts in the default cache, which outlives a test: every test starts with clean counters.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()
