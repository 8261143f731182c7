"""The public request a matter or dispute was created from (fazhi/core/provenance.py), for the staff pages of grid and
mediation — which must not import the portal. A matter or dispute that came from the public site but whose request
is gone (deleted after its retention period) says the source is not available."""

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.provenance import SourceLink, source_link, unavailable
from fazhi.portal.models import PublicRequest

WEBSITE_SOURCES = {"grid.matter": "website", "mediation.dispute": "online"}  # MatterSource / DisputeSource codes


def request_sources(*, user, record) -> list[SourceLink]:
    label = record._meta.label_lower
    if record.source != WEBSITE_SOURCES.get(label):
        return []  # only the public site's source creates these records: no query for any other
    request = PublicRequest.objects.filter(handoff_target=label, handoff_id=record.pk).first()
    kind = _("来源网上诉求")
    if request is None:
        return [unavailable(kind)]
    who = " ".join(t for t in (request.contact_name, request.phone_masked) if t)
    return [
        source_link(
            user=user,
            kind=kind,
            obj=request,
            text=f"{request.code}" + (f" · {who}" if who else ""),
            url=reverse("portal:request_detail", args=[request.pk]),
        )
    ]
