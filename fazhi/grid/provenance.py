"""The sources of a matter that grid knows: the visit (and household) it was raised on (fazhi/core/provenance.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.provenance import SourceLink, source_link


def matter_sources(*, user, record) -> list[SourceLink]:
    if not record.visit_id:
        return []
    visit = record.visit
    household = visit.household
    text = _("%(d)s 走访 · %(n)s户（户主 %(h)s）") % {
        "d": visit.visited_on.isoformat(),
        "n": household.number,
        "h": household.head_name,
    }
    url = reverse("people:household_detail", args=[household.pk]) if user.has_perm("people.view") else ""
    return [source_link(user=user, kind=_("来源走访"), obj=visit, text=text, url=url)]
