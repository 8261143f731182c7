"""Router and read-your-writes rules that hold without a replica; the replica itself is in test_replica.py."""

from django.http import HttpResponse
from django.test import RequestFactory

from fazhi.core.dbrouter import PIN_COOKIE, PRIMARY, REPLICA, ReadYourWritesMiddleware, ReplicaRouter
from fazhi.grid.models import Matter

router = ReplicaRouter()


def _through_middleware(request):
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Matter)
        return HttpResponse()

    return ReadYourWritesMiddleware(view)(request), seen


def test_a_write_pins_the_browser_to_the_primary_for_a_few_seconds(settings):
    settings.FAZHI_READ_PRIMARY_SECONDS = 4
    response, _seen = _through_middleware(RequestFactory().post("/grid/matters/new/"))
    assert response.cookies[PIN_COOKIE]["max-age"] == 4
    assert response.cookies[PIN_COOKIE]["httponly"]


def test_a_read_does_not_pin_the_browser():
    response, _seen = _through_middleware(RequestFactory().get("/grid/matters/"))
    assert PIN_COOKIE not in response.cookies


def test_without_a_replica_every_read_and_write_goes_to_the_primary():
    _response, seen = _through_middleware(RequestFactory().get("/grid/matters/"))
    assert seen["read"] == PRIMARY
    assert router.db_for_read(Matter) == PRIMARY  # outside a request: commands and tasks
    assert router.db_for_write(Matter) == PRIMARY


def test_the_replica_is_never_migrated():
    assert router.allow_migrate(REPLICA, "grid") is False
    assert router.allow_migrate(PRIMARY, "grid") is None
