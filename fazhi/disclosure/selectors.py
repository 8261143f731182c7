"""Every read of boards and postings."""

import datetime

from django.db.models import Max, Q, QuerySet

from fazhi.areas.models import Area, subtree_q
from fazhi.areas.scoping import get_visible_or_404
from fazhi.disclosure.models import Board, Posting, PostingAttachment
from fazhi.disclosure.services import is_overdue


def published_posting_list(*, area: Area, q: str = "") -> QuerySet[Posting]:
    """Postings published to the public site from boards in `area`'s subtree, newest first (read by the portal)."""
    qs = Posting.objects.filter(
        subtree_q(area.path, "board__area__path"), published_on__isnull=False, withdrawn_on__isnull=True
    ).select_related("board__area")
    q = q.strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(text__icontains=q))
    return qs.order_by("-published_on", "-id")


def board_queryset(*, user, area: Area | None = None, category: str = "") -> QuerySet[Board]:
    """Boards the user may see, in the order the list shows them; `with_due` adds what is due."""
    qs = Board.objects.visible_to(user).select_related("area")
    if area is not None:
        qs = qs.filter(subtree_q(area.path))
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("area__path", "category")


def with_due(boards, on: datetime.date) -> list[Board]:
    """The boards, each with `.next_due` and `.overdue` as of `on`, from the due date the services keep."""
    boards = list(boards)
    for board in boards:
        board.next_due = board.next_due_on
        board.overdue = is_overdue(board.next_due_on, on)
    return boards


def board_list(*, user, area: Area | None = None, category: str = "", on: datetime.date) -> list[Board]:
    """Every board the user may see, each with `.next_due` and `.overdue` as of `on`."""
    return with_due(board_queryset(user=user, area=area, category=category), on)


def overdue_boards(*, user, on: datetime.date) -> QuerySet[Board]:
    """Visible boards with a period due before `on` and not posted (docs/law.md VPO-02, CQ-V-05), the oldest debt
    first."""
    qs = Board.objects.visible_to(user).filter(next_due_on__lt=on).select_related("area")
    return qs.order_by("next_due_on", "area__path", "category")


def board_get(*, user, pk: int) -> Board:
    """The board with `latest_period_end`, the newest period it posted: its page applies the due-date rule live."""
    coverage = Board.objects.select_related("area").annotate(latest_period_end=Max("postings__period_end"))
    return get_visible_or_404(coverage, user, pk=pk)


def board_posting_list(*, board: Board, limit: int = 200) -> list[Posting]:
    return list(board.postings.prefetch_related("attachments")[:limit])


def posting_get(*, user, pk: int) -> Posting:
    return get_visible_or_404(Posting.objects.select_related("board__area"), user, pk=pk)


def attachment_get(*, user, pk: int) -> PostingAttachment:
    """An attachment of a posting on a board the user may see (other area → 404)."""
    return get_visible_or_404(PostingAttachment.objects.all(), user, pk=pk)


def published_posting_get(*, pk: int) -> Posting | None:
    """One posting as the public site shows it: only while published and not withdrawn, with its attachments."""
    return (
        Posting.objects.filter(pk=pk, published_on__isnull=False, withdrawn_on__isnull=True)
        .select_related("board__area")
        .prefetch_related("attachments")
        .first()
    )
