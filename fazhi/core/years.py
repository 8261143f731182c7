"""The year a year-taking page (ledger, figures, statistics) opens on: the year asked for in the address, else the
one the user last worked on in this session, else the report year — the year before this one, since the annual
report is written early in the new year about the last one. Never blindly the current year."""

from django.utils import timezone

SESSION_KEY = "working_year"
EARLIEST, LATEST_AHEAD = 2000, 1  # a year outside these is a typing slip, not a year anyone works on


def report_year() -> int:
    return timezone.localdate().year - 1


def working_year(request) -> int:
    """A valid ?year= is remembered for the session's other year pages."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and EARLIEST <= int(asked) <= timezone.localdate().year + LATEST_AHEAD:
        if request.session.get(SESSION_KEY) != int(asked):  # written once per change, not on every page
            request.session[SESSION_KEY] = int(asked)
        return int(asked)
    remembered = request.session.get(SESSION_KEY)
    return remembered if isinstance(remembered, int) else report_year()
