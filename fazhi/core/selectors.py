from axes.models import AccessFailureLog, AccessLog
from django.db.models import QuerySet

from fazhi.core.models import AuditEntry


def audit_entry_list(*, filters: dict) -> QuerySet:
    qs = AuditEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")
    if filters.get("actor"):
        qs = qs.filter(actor__username__icontains=filters["actor"])
    if filters.get("model"):
        qs = qs.filter(content_type__model__icontains=filters["model"])
    if filters.get("action") is not None:
        qs = qs.filter(action=filters["action"])
    if filters.get("date_from"):
        qs = qs.filter(timestamp__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(timestamp__date__lte=filters["date_to"])
    return qs


def login_event_list() -> list[dict]:
    """Logins, logouts and failed logins as recorded by django-axes, newest first."""
    events = []
    logs = AccessLog.objects.order_by("-attempt_time")[:200]
    for log in logs:
        events.append({"time": log.attempt_time, "username": log.username, "ip": log.ip_address, "kind": "login"})
        if log.logout_time:
            events.append({"time": log.logout_time, "username": log.username, "ip": log.ip_address, "kind": "logout"})
    for fail in AccessFailureLog.objects.order_by("-attempt_time")[:200]:
        events.append(
            {
                "time": fail.attempt_time,
                "username": fail.username,
                "ip": fail.ip_address,
                "kind": "locked" if fail.locked_out else "failed",
            }
        )
    return sorted(events, key=lambda e: e["time"], reverse=True)[:200]
