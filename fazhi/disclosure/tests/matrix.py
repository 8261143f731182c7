import datetime

from django.core.files.base import ContentFile

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.disclosure.models import Board, BoardCategory, Frequency, Posting, PostingAttachment

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.SUPERVISOR, Role.VILLAGE_CADRE})
CHANGERS = frozenset({Role.LEGAL_STAFF, Role.VILLAGE_CADRE})


def _board_of(area) -> Board:
    return Board.objects.create(
        area=area.parent,
        category=BoardCategory.FINANCE,
        frequency=Frequency.MONTHLY,
        location="村委会",
        established_on=datetime.date(2023, 1, 1),
    )


def _board(world, area):
    return {"pk": _board_of(area).pk}


def _posting_of(area) -> Posting:
    end = datetime.date(2023, 4, 30)
    return Posting.objects.create(
        board=_board_of(area), title="4月", period_end=end, posted_on=end, due_on=datetime.date(2023, 5, 15)
    )


def _posting(world, area):
    return {"pk": _posting_of(area).pk}


def _attachment(world, area):
    row = PostingAttachment(posting=_posting_of(area), name="收支表.pdf", size=4)
    row.file.save("收支表.pdf", ContentFile(b"%PDF"), save=True)
    return {"pk": row.pk}


CASES = [
    Case("disclosure:board_list", VIEWERS),
    Case("disclosure:board_create", CHANGERS),
    Case("disclosure:board_create", CHANGERS, method="post"),
    Case("disclosure:board_detail", VIEWERS, kwargs=_board),
    Case("disclosure:posting_create", CHANGERS, kwargs=_board),
    Case("disclosure:posting_create", CHANGERS, method="post", kwargs=_board),
    Case("disclosure:posting_edit", CHANGERS, kwargs=_posting),
    Case("disclosure:posting_publish", CHANGERS, method="post", kwargs=_posting),
    Case("disclosure:posting_withdraw", CHANGERS, method="post", kwargs=_posting),
    Case("disclosure:posting_remove", CHANGERS, method="post", kwargs=_posting),
    Case("disclosure:attachment_download", VIEWERS, kwargs=_attachment),
    Case("api:disclosure-board-list", VIEWERS),
    Case("api:disclosure-board-detail", VIEWERS, kwargs=_board),
    Case("api:disclosure-posting-list", VIEWERS),
    Case("api:disclosure-posting-detail", VIEWERS, kwargs=_posting),
]
