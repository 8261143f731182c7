"""Every list page runs the same number of queries whatever its number of rows (no N+1 queries).

The pages are discovered from the URL configuration (every parameterless URL named `*_list`, plus the other index
pages in INDEX_PAGES), so a new list page is covered as soon as it exists. Each is opened by one user who may see
every module, on a small synthetic county and on a larger one from `manage.py generate_area`; the counts must match,
but for the one count a list makes once it overflows its first page. Apps whose records the generator does not build
yet show the same rows on both, so for them this only pins the count: GROWING lists the pages whose rows are known
to grow, and the test checks that they do (the 普法 activity list is left out: it shows one year at a time).
"""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import Area, Level, Post
from tests.pages import open_counted

# The module-scoped fixture reaches the test database only when pytest-django knows the module needs one; without
# this mark, running this file alone would write to the development database.
pytestmark = pytest.mark.django_db

INDEX_PAGES = {
    "core:workbench",
    "mediation:roster",
    "mediation:stats",
    "publicity:media",
    "publicity:reach",
    "reports:township_dashboard",
    "reports:county_dashboard",
}
GROWING = {
    "people:resident_list",
    "people:household_list",
    "grid:matter_list",
    "grid:visit_list",
    "mediation:dispute_list",
    "petitions:petition_list",
    "training:session_list",
    "training:exam_list",
}
SMALL = {"townships": 1, "residents_per_township": 40, "years": 1}
LARGE = {"townships": 1, "residents_per_township": 800, "years": 2}


def _names(resolver: URLResolver, namespace: str = "") -> list[str]:
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            found += _names(pattern, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            if name.endswith("_list") or name in INDEX_PAGES:
                found.append(name.lstrip(":"))
    return found


PAGES = sorted(set(_names(get_resolver())))


def _viewer() -> User:
    """A township's legal staff (every domain module) who also holds the system roles (the system lists)."""
    user = User.objects.get(username="bench_legal_staff_1")
    county = Area.objects.get(level=Level.COUNTY, code="509900000000")
    for role in (Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN):
        Post.objects.create(user=user, role=role, area=county)
    return user


def _measure(size: dict) -> dict[str, tuple[int, int, int, bool]]:
    """(status, queries, bytes, paged) of every page on a freshly generated county, rolled back afterwards."""
    results = {}
    with transaction.atomic():
        call_command("generate_area", seed=11, stdout=io.StringIO(), **size)
        client = Client()
        client.force_login(_viewer())
        for name in PAGES:
            response, queries, paged = open_counted(client, name)
            results[name] = (response.status_code, queries, len(response.content), paged)
        transaction.set_rollback(True)
    cache.clear()
    return results


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(FAZHI_REQUIRE_ADMIN_OTP=False):
        ContentType.objects.clear_cache()
        cache.clear()
        small = _measure(SMALL)
        ContentType.objects.clear_cache()
        large = _measure(LARGE)
    return small, large


def test_every_list_page_is_covered():
    assert INDEX_PAGES <= set(PAGES)  # a name that no longer resolves would be skipped silently
    assert GROWING <= set(PAGES)
    assert {"people:resident_list", "grid:matter_list", "mediation:dispute_list"} <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_list_page_queries_do_not_grow_with_its_rows(counts, name):
    small, large = counts
    assert small[name][0] == large[name][0] == 200, (small[name], large[name])
    # A first page is counted only once the list overflows it (core.pagination): one query, whatever the rows.
    counted = int(large[name][3] and not small[name][3])
    assert large[name][1] == small[name][1] + counted, (
        f"{name}: {small[name][1]} queries on few rows, {large[name][1]} on many"
    )
    if name in GROWING:
        assert large[name][2] > small[name][2], f"{name}: the larger county did not show more rows"
