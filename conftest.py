import os
import shutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from fazhi.areas.testing import build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is not under test; MD5 keeps hundreds of test logins fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _admins_without_second_factor(settings):
    # Tests sign admins in with force_login to check roles and areas; the second factor has its own tests
    # (fazhi/accounts/tests/test_otp.py), which turn this back on.
    settings.FAZHI_REQUIRE_ADMIN_OTP = False


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _chinese_and_private_media(settings, tmp_path):
    # Each test starts in the platform's language and writes uploads to its own folder, not var/media.
    # A flush by an earlier transactional test recreates content types under new ids; forget the cached ones
    # (the audit trail writes content-type foreign keys on every save).
    ContentType.objects.clear_cache()
    translation.activate(settings.LANGUAGE_CODE)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- Browser tests: Debian's Chromium driven by Playwright for Python (never a browser download). ---------------
# One session-wide browser for every browser test of the project, started only when a test asks for a page.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would refuse ORM calls from it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_world(transactional_db):
    return build_world()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
