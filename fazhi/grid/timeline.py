from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.grid.models import Matter, Visit
from fazhi.people.timeline import TimelineEntry


def resident_entries(*, user, resident) -> list[TimelineEntry]:
    """The resident's matters and their household's visits, each only if the viewer's grid scope allows it."""
    entries = [
        TimelineEntry(
            on=m.registered_on,
            kind=_("群众说事"),
            title=f"{m.number} {m.description[:30]}",
            url=reverse("grid:matter_detail", args=[m.pk]),
            status=m.get_status_display(),
        )
        for m in Matter.objects.visible_to(user).filter(resident=resident)
    ]
    if resident.household_id:
        entries += [
            TimelineEntry(on=v.visited_on, kind=_("走访"), title=v.notes[:40] or _("入户走访"))
            for v in Visit.objects.visible_to(user).filter(household_id=resident.household_id)
        ]
    return entries
