"""Every read of boards and postings."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, subtree_q
from fazhi.areas.scoping import get_visible_or_404, scope_q
from fazhi.disclosure.models import Board, Posting, PostingAttachment
from fazhi.disclosure.services import board_is_overdue, board_next_due


def published_posting_list(*, area: Area, q: str = "") -> QuerySet[Posting]:
    """Postings published to the public site from boards in `area`'s subtree, newest first (read by the portal)."""
    qs = Posting.objects.filter(
        subtree_q(area.path, "board__area__path"), published_on__isnull=False, withdrawn_on__isnull=True
    ).select_related("board__area")
    q = q.strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(text__icontains=q))
    return qs.order_by("-published_on", "-id")


def board_list(*, user, area: Area | None = None, category: str = "", on: datetime.date) -> list[Board]:
    """Boards the user may see, each with `.next_due` and `.overdue` as of `on`."""
    qs = Board.objects.visible_to(user).select_related("area")
    if area is not None:
        qs = qs.filter(subtree_q(area.path))
    if category:
        qs = qs.filter(category=category)
    boards = list(qs.prefetch_related("postings"))
    for board in boards:
        board.next_due = board_next_due(board, on)
        board.overdue = board_is_overdue(board, on)
    return boards


def board_get(*, user, pk: int) -> Board:
    return get_visible_or_404(Board.objects.select_related("area"), user, pk=pk)


def posting_get(*, user, pk: int) -> Posting:
    posting = (
        Posting.objects.filter(scope_q(user, Module.DISCLOSURE, field="board__area__path"))
        .select_related("board__area")
        .filter(pk=pk)
        .first()
    )
    if posting is None:
        raise Http404
    return posting


def attachment_get(*, user, pk: int) -> PostingAttachment:
    attachment = (
        PostingAttachment.objects.filter(scope_q(user, Module.DISCLOSURE, field="posting__board__area__path"))
        .filter(pk=pk)
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment
