"""Figures the people app contributes to reports: residents by tag (重点人员等)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import subtree_q
from fazhi.core.metrics import Period, register
from fazhi.people.choices import TAG_DEFAULTS, ResidentStatus
from fazhi.people.models import Resident

SECTION = _("聚焦基层治理，助力平安建设")


def residents(*, area, period: Period):
    """Residents of `area` in the current registry who have not moved out or died.

    The registry keeps no status history, so this is a snapshot whatever the period (a finalised report freezes it).
    """
    return (
        Resident.objects.filter(subtree_q(area.path, "area__path"))
        .filter(~Q(status__in=[ResidentStatus.MOVED_OUT, ResidentStatus.DECEASED]))
        .order_by("id")
    )


def residents_tagged(code: str):
    def records(*, area, period: Period):
        return residents(area=area, period=period).filter(tags__code=code)

    return records


def register_all() -> None:
    register(key="people.residents", label=_("登记居民"), unit=_("人"), section=SECTION, records=residents)
    for code, label in TAG_DEFAULTS:
        register(
            key=f"people.residents.{code}",
            label=label,
            unit=_("人"),
            section=SECTION,
            records=residents_tagged(code),
        )
