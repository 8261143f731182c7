"""The sources of a petition: the matter (群众说事) or the dispute it was raised from (fazhi/core/provenance.py).

A petition converted to a dispute (第三十三条) points at that dispute too; only a dispute not itself raised from the
petition is a source."""

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.provenance import SourceLink, source_link
from fazhi.petitions import links


def came_from_dispute(petition) -> bool:
    return bool(petition.dispute_id) and petition.dispute.source != links.SOURCE_PETITION


def petition_sources(*, user, record) -> list[SourceLink]:
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
    if came_from_dispute(record):
        dispute = record.dispute
        out.append(
            source_link(
                user=user,
                kind=_("来源纠纷"),
                obj=dispute,
                text=f"{dispute.number} {dispute.title[:30]}",
                url=reverse("mediation:dispute_detail", args=[dispute.pk]),
            )
        )
    return out
