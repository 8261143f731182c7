"""Per-address rate limits (django-ratelimit, keyed on the client address: settings.RATELIMIT_IP_META_KEY is
fazhi.core.addresses.client_ip).

Counters live in the default cache. With several server processes that cache must be shared (Redis, Memcached or
Django's DatabaseCache) or each process counts on its own; behind a reverse proxy, FAZHI_TRUSTED_PROXIES must name
it, or every resident shares the proxy's address.
"""

from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited

SUBMIT_RATE = "10/m"  # submissions (form and Open311 POST) per address
LOOKUP_RATE = "10/m"  # failed code look-ups per address: guessing is limited, a resident re-checking is not
PDF_RATE = "5/m"


def hit(request, group: str, rate: str) -> bool:
    """Count one use; True when this use is over the limit."""
    return is_ratelimited(request, group=f"portal.{group}", key="ip", rate=rate, method=ALL, increment=True)


def exhausted(request, group: str, rate: str) -> bool:
    """True when the limit is already used up, without counting this request."""
    usage = get_usage(request, group=f"portal.{group}", key="ip", rate=rate, method=ALL, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]
