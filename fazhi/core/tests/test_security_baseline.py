import base64
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core import checks

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def _directives(header: str) -> dict[str, list[str]]:
    result = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


def test_every_page_carries_a_csp_that_forbids_inline_scripts(client, db):
    response = client.get(reverse("accounts:login"))
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (None, "accounts:login"),
        (Role.SYS_ADMIN, "core:workbench"),
        (Role.SYS_ADMIN, "core:calendar_list"),
        (Role.AUDIT_ADMIN, "core:audit_list"),
        (Role.GRID_MEMBER, "accounts:profile"),
    ],
)
def test_kernel_pages_have_no_inline_script_or_handler(world, client, role, url_name):
    if role:
        client.force_login(world.user(role))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html), INLINE_HANDLER.findall(html)
    assert not JS_URL.findall(html)
    assert 'src="/static/js/fazhi.js"' in html  # the language switch's behaviour, as a static file
    assert 'name="language" data-autosubmit' in html


def test_kernel_templates_have_no_inline_script_or_handler():
    root = Path(settings.BASE_DIR) / "templates"
    files = [root / "base.html"]
    for folder in ("components", "core", "accounts", "areas"):
        files += sorted((root / folder).rglob("*.html"))
    for path in files:
        text = path.read_text()
        assert not INLINE_SCRIPT.findall(text), path
        assert not INLINE_HANDLER.findall(text), path


def test_signed_in_pages_are_never_stored(world, client):
    client.force_login(world.user(Role.SYS_ADMIN))
    cache_control = client.get(reverse("core:workbench"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_development_keys_fail_the_deploy_check(settings):
    ids = {e.id for e in checks.check_production_keys()}
    assert ids == {"fazhi.E001", "fazhi.E002", "fazhi.E003", "fazhi.E004"}  # the defaults in settings.py
    settings.BACKUP_KEY = "real-backup-key"
    settings.FIELD_ENCRYPTION_KEYS = "k1:" + base64.b64encode(os.urandom(32)).decode()
    settings.FIELD_HASH_KEY = "real-hash-key"
    settings.AUDIT_KEYS = "a1:" + base64.b64encode(os.urandom(32)).decode()
    assert checks.check_production_keys() == []


def test_an_unsafe_policy_or_weak_hasher_fails_the_deploy_check(settings):
    assert checks.check_content_security_policy() == []
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", "'unsafe-inline'"]}}
    assert [e.id for e in checks.check_content_security_policy()] == ["fazhi.E012"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert [e.id for e in checks.check_password_hashing()] == ["fazhi.E010"]
    settings.AUDIT_HASH_ALGORITHM = "MD5"
    assert [e.id for e in checks.check_audit_hash_algorithm()] == ["fazhi.E013"]


PRODUCTION_PROBE = """
import json, django
from django.core.management import call_command
django.setup()
from django.conf import settings
from django.test import Client
# Not a single warning, whatever its tag (drf-spectacular's schema warnings included): raises SystemCheckError.
call_command("check", deploy=True, fail_level="WARNING")
client = Client(HTTP_HOST="fazhi.example.gov.cn")
plain = client.get("/accounts/login/")
secure = client.get("/accounts/login/", secure=True)
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location", "")],
    "hsts": secure.get("Strict-Transport-Security", ""),
    "csrf_cookie": str(secure.cookies.get("csrftoken", "")),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "first_hasher": settings.PASSWORD_HASHERS[0],
}))
"""


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "fazhi.example.gov.cn",
            "FAZHI_SECURE_COOKIES": "1",
            "FAZHI_BACKUP_KEY": secrets.token_urlsafe(32),
            "FAZHI_FIELD_KEYS": "k2026:" + base64.b64encode(os.urandom(32)).decode(),
            "FAZHI_FIELD_HASH_KEY": secrets.token_urlsafe(32),
            "FAZHI_AUDIT_KEY": "a1:" + secrets.token_urlsafe(32),
            "FAZHI_VAR_DIR": str(tmp_path),
        }
    )
    done = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    assert probe["redirect"] == [301, "https://fazhi.example.gov.cn/accounts/login/"]
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "Secure" in probe["csrf_cookie"] and "HttpOnly" in probe["csrf_cookie"]
    assert probe["session_secure"] is True
    assert probe["first_hasher"] == "fazhi.accounts.hashers.Argon2idHasher"  # Argon2id at OWASP's minimum


def test_every_page_form_and_htmx_request_is_csrf_protected(world, client, settings):
    # The session cookie alone must not be enough to write: Django's CSRF check stays on for pages and htmx.
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    strict = client.__class__(enforce_csrf_checks=True)
    strict.force_login(world.user(Role.GRID_MEMBER))
    refused = strict.post(reverse("accounts:password_change"), {}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    page = strict.get(reverse("accounts:profile"))
    token = str(page.context["csrf_token"])
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in page.content.decode()  # base.html, for every htmx call
    accepted = strict.post(reverse("accounts:password_change"), {}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200  # past the CSRF check, to the form's own Chinese errors
