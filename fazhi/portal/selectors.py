"""Every read of the portal's own records. Public pages read only `tracking_view`; staff pages start from scope."""

import base64
import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import get_visible_or_404
from fazhi.portal import sources
from fazhi.portal.choices import RequestStatus
from fazhi.portal.models import PublicRequest


@dataclass(frozen=True)
class TrackingView:
    """Exactly what a resident sees for their code: no name, phone, description, photos or staff notes."""

    code: str
    kind_label: str
    area_name: str
    submitted_on: object
    status_label: str
    closed: bool
    replies: list[tuple[object, str]]
    rating_label: str
    expected_on: datetime.date | None = None  # the case's due date, once it is handed over
    expected_working: bool = True
    expected_passed: bool = False


def tracking_view(request: PublicRequest) -> TrackingView:
    replies = [(r.created_at, r.text) for r in request.replies.all()]
    status_label, closed = request.get_status_display(), request.is_closed
    state = sources.handoff_state(request.handoff_target, request.handoff_id)
    expected = {}
    if state is not None and state.due_date and not (closed or state.closed):
        expected = {
            "expected_on": state.due_date,
            "expected_working": state.due_working,
            "expected_passed": state.due_date < timezone.localdate(),
        }
    if state is not None and not closed:
        status_label, closed = state.status_label, state.closed
        if state.reply:
            replies.append((None, state.reply))
    return TrackingView(
        code=request.code,
        kind_label=request.get_kind_display(),
        area_name=request.area.name,
        submitted_on=request.created_at,
        status_label=str(status_label),
        closed=closed,
        replies=replies,
        rating_label=request.get_rating_display() if request.rating else "",
        **expected,
    )


def public_areas() -> QuerySet:
    return Area.objects.current().filter(level__in=[Level.TOWNSHIP, Level.VILLAGE]).order_by("path")


def public_area_get(pk: int) -> Area | None:
    return public_areas().filter(pk=pk).first()


def townships() -> QuerySet:
    return Area.objects.current().filter(level=Level.TOWNSHIP).select_related("parent").order_by("path")


def public_request_list(*, user, status: str = "open") -> QuerySet:
    qs = PublicRequest.objects.visible_to(user).select_related("area")
    if status == "open":
        return qs.exclude(status=RequestStatus.CLOSED)
    if status in RequestStatus.values:
        return qs.filter(status=status)
    return qs


def public_request_get(*, user, pk: int) -> PublicRequest:
    return get_visible_or_404(PublicRequest.objects.select_related("area"), user, pk=pk)


def photo_data_urls(request: PublicRequest) -> list[str]:
    """The request's (re-encoded, at most three) photos inline for the staff page: no public media URL exists."""
    urls = []
    for photo in request.photos.all():
        try:
            with photo.image.open("rb") as fh:
                urls.append("data:image/jpeg;base64," + base64.b64encode(fh.read()).decode())
        except OSError:
            continue  # a file lost from storage must not hide the rest of the request
    return urls
