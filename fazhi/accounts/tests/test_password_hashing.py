import importlib

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.areas.testing import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashers(settings):
    # conftest swaps in MD5 for speed; these tests put the configured production list back.
    settings.PASSWORD_HASHERS = importlib.import_module("config.settings").PASSWORD_HASHERS


def test_new_passwords_are_hashed_with_argon2id(real_hashers):
    user = make_user("argon_user")
    assert user.password.startswith("argon2$argon2id$")
    assert TEST_PASSWORD not in user.password and user.check_password(TEST_PASSWORD)


def test_an_older_pbkdf2_hash_still_logs_in_and_is_upgraded_to_argon2(real_hashers, client):
    user = make_user("legacy_user")
    User.objects.filter(pk=user.pk).update(password=make_password(TEST_PASSWORD, hasher="pbkdf2_sha256"))
    response = client.post(reverse("accounts:login"), {"username": "legacy_user", "password": TEST_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


def test_argon2id_uses_owasps_minimum_parameters(real_hashers):
    user = make_user("owasp_user")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_with_djangos_default_parameters_is_rehashed_at_sign_in(real_hashers, client):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    user = make_user("heavy_user")
    User.objects.filter(pk=user.pk).update(password=Argon2PasswordHasher().encode(TEST_PASSWORD, "saltsaltsalt"))
    assert "m=102400,t=2,p=8" in User.objects.get(pk=user.pk).password
    response = client.post(reverse("accounts:login"), {"username": "heavy_user", "password": TEST_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password and user.check_password(TEST_PASSWORD)
