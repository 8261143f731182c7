"""The sources of a dispute: the matter (群众说事) or the petition it was raised from (fazhi/core/provenance.py).

The petition is reached through the reverse relation only: petitions builds on mediation, not the other way."""

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.provenance import SourceLink, source_link, unavailable
from fazhi.mediation.choices import DisputeSource


def dispute_sources(*, user, record) -> list[SourceLink]:
    out = []
    if record.matter_id:
        matter = record.matter
        out.append(
            source_link(
                user=user,
                kind=_("来源事项"),
                obj=matter,
                text=f"{matter.number} {matter.description[:30]}",
                url=reverse("grid:matter_detail", args=[matter.pk]),
            )
        )
    if record.source == DisputeSource.PETITION:
        petition = record.petitions.order_by("pk").first()
        if petition is None:
            out.append(unavailable(_("来源信访事项")))
        else:
            out.append(
                source_link(
                    user=user,
                    kind=_("来源信访事项"),
                    obj=petition,
                    text=petition.number,
                    url=reverse("petitions:petition_detail", args=[petition.pk]),
                )
            )
    return out
