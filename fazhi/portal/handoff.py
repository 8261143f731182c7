"""Every write the public site makes into another app: a resident's request becomes a grid matter (群众说事, source
公开网站) or a mediation dispute (source 网上申请). Each import is guarded, so while the app's service is missing the
request simply stays with the portal (status 已收到) for staff to pick up from the portal's own list.

Both services are called with ``actor=None`` — the system acting for an anonymous resident, as the services allow
for management commands; the record lands in the queue of the township that owns the chosen area.

A resident's comment on a major decision's consultation draft goes to the decisions app the same way.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from fazhi.areas.models import Area, Level

MATTER_CATEGORY = "other"  # 其他: staff re-classify on triage
MATTER_CATEGORY_MEDIATION = "dispute"
DISPUTE_TYPE = "other"


@dataclass(frozen=True)
class Handoff:
    target: str  # "grid.matter" | "mediation.dispute"
    pk: int
    number: str


def _grid_for(area: Area) -> Area | None:
    """grid.matter_create wants a grid: the first current grid of the chosen village (staff can move it)."""
    if area.level == Level.GRID:
        return area
    return Area.objects.subtree(area).current().filter(level=Level.GRID).order_by("path").first()


def _copies(photos) -> list[ContentFile]:
    out = []
    for photo in photos:
        photo.image.open("rb")
        try:
            out.append(ContentFile(photo.image.read(), name=photo.image.name.rsplit("/", 1)[-1]))
        finally:
            photo.image.close()
    return out


def to_grid_matter(request) -> Handoff | None:
    try:
        from fazhi.grid.choices import MatterSource
        from fazhi.grid.services import matter_create
    except ImportError:
        return None
    grid = _grid_for(request.area)
    if grid is None:
        return None
    who = request.contact_name or _("网上群众")
    matter = matter_create(
        actor=None,
        area=grid,
        category=request.category or MATTER_CATEGORY,
        description=_("【公开网站 %(code)s】%(text)s") % {"code": request.code, "text": request.description},
        source=MatterSource.WEBSITE,
        raised_by_text=f"{who} {request.phone_masked}".strip(),
        place=request.area.name,
        attachments=_copies(request.photos.all()),
    )
    return Handoff("grid.matter", matter.pk, matter.number)


def _contact_facts(request) -> str:
    """The resident's words and how to reach them (a party has no phone field: the masked number goes with the facts;
    the full one is on the request, opened from the dispute's source link)."""
    facts = _("【公开网站 %(code)s】%(text)s") % {"code": request.code, "text": request.description}
    if request.phone_masked:
        facts += "\n" + _("联系电话：%(p)s") % {"p": request.phone_masked}
    return facts


def to_mediation(request) -> Handoff | None:
    try:
        from fazhi.mediation.choices import DisputeSource, Tier
        from fazhi.mediation.services import PartyInput, dispute_create
    except ImportError:
        return None
    dispute = dispute_create(
        actor=None,
        area=request.area,
        title=request.description[:200],
        facts=_contact_facts(request),
        dispute_type=DISPUTE_TYPE,
        # 简易 needs no body or mediator: staff route it to its real tier with dispute_escalate after triage.
        tier=Tier.SIMPLE,
        source=DisputeSource.ONLINE,
        parties=[PartyInput(name=request.contact_name or _("网上申请人"))],
    )
    return Handoff("mediation.dispute", dispute.pk, dispute.number)


class CommentsUnavailable(Exception):
    """The decisions app does not take comments (yet)."""


def decision_comment(*, pk: int, text: str, name: str = "", paragraph: int | None = None) -> None:
    """A resident's comment on a decision's consultation draft; the decisions app holds it for moderation and
    refuses it (ValidationError, in Chinese) outside the comment period or when it is empty or too long."""
    try:
        from fazhi.decisions.selectors import public_decision
        from fazhi.decisions.services import public_comment_submit
    except ImportError as exc:
        raise CommentsUnavailable from exc
    decision = public_decision(pk=pk)
    if decision is None:
        raise CommentsUnavailable
    public_comment_submit(decision=decision, text=text, name=name, paragraph=paragraph)
