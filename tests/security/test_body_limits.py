"""Request bodies are limited in Django too (security review, low: an anonymous 120 MB upload was read to the end
before it was refused)."""

import pytest
from django.conf import settings
from django.urls import reverse

from config.urls import PUBLIC_PREFIX

MB = 1024 * 1024


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _post(client, url, length):
    return client.generic("POST", url, CONTENT_LENGTH=str(length), **{"wsgi.input": Unreadable()})


@pytest.mark.parametrize("url_name", ["portal:submit", "portal:open311_requests"])
def test_a_120_mb_anonymous_upload_is_refused_with_413_before_it_is_read(db, client, url_name):
    response = _post(client, reverse(url_name), 120 * MB)
    assert response.status_code == 413
    text = response.content.decode()
    assert "提交的内容太大（120 MB）" in text and "最多 30 MB" in text


def test_a_body_within_the_limit_reaches_the_page(db, client):
    response = client.post(reverse("portal:submit"), {"description": ""})
    assert response.status_code != 413


def test_the_limit_covers_the_public_sites_own_prefix():
    assert settings.FAZHI_PUBLIC_PREFIX == PUBLIC_PREFIX
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 10 * MB


def test_form_fields_over_ten_megabytes_are_refused_by_django(world, client):
    client.force_login(world.user("legal_staff"))
    response = client.post(reverse("training:session_create"), {"topic": "x" * (11 * MB)})
    assert response.status_code == 400
