import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.disclosure.models import BoardCategory, Frequency, Posting, PostingAttachment
from fazhi.disclosure.selectors import board_list, published_posting_list
from fazhi.disclosure.services import (
    board_create,
    board_next_due,
    posting_create,
    posting_publish,
    posting_update,
    posting_withdraw,
)
from fazhi.portal.tests.helpers import jpeg_with_gps, png

pytestmark = pytest.mark.django_db
D = datetime.date
SINCE = D(2023, 1, 1)  # the boards here stand from the start of the year the tests look at
APRIL_END, MAY_8 = D(2023, 4, 30), D(2023, 5, 8)


@pytest.fixture
def cadre(world):
    return world.user(Role.VILLAGE_CADRE)


def _board(area, category=BoardCategory.FINANCE, frequency=Frequency.MONTHLY):
    return board_create(
        actor=None, area=area, category=category, frequency=frequency, location="村委会门口", established_on=SINCE
    )


def _posting(board, title="4月财务收支", text="收入1200元", end=APRIL_END, posted=MAY_8):
    return posting_create(actor=None, board=board, title=title, text=text, period_end=end, posted_on=posted)


def test_published_postings_of_the_subtree_newest_first_and_searchable(world):
    board = _board(world.village)
    older, newer, draft = _posting(board), _posting(board, title="5月财务收支", text="支出800元"), _posting(board)
    posting_publish(actor=None, posting=older, on=D(2023, 5, 8))
    posting_publish(actor=None, posting=newer, on=D(2023, 6, 9))
    foreign = _posting(_board(world.foreign_grid.parent))
    posting_publish(actor=None, posting=foreign, on=D(2023, 6, 9))

    found = list(published_posting_list(area=world.township))
    assert found == [newer, older]
    assert found[0].board_label == "新红村 · 财务" and found[0].published_on == D(2023, 6, 9)
    assert found[0].text == "支出800元"
    assert list(published_posting_list(area=world.township, q="支出")) == [newer]
    assert list(published_posting_list(area=world.other_township)) == []
    assert draft not in found


def test_withdrawn_posting_leaves_the_public_site_and_cannot_be_published_again(world, cadre):
    posting = _posting(_board(world.village))
    posting_publish(actor=cadre, posting=posting, on=D(2023, 5, 8))
    posting_withdraw(actor=cadre, posting=posting, on=D(2023, 5, 20))
    assert list(published_posting_list(area=world.village)) == []
    with pytest.raises(ValidationError, match="未在网上发布"):
        posting_withdraw(actor=cadre, posting=posting, on=D(2023, 5, 21))
    with pytest.raises(ValidationError, match="已从网上撤回，不能再次发布"):
        posting_publish(actor=cadre, posting=posting, on=D(2023, 5, 22))
    posting.refresh_from_db()
    assert (posting.published_on, posting.withdrawn_on) == (D(2023, 5, 8), D(2023, 5, 20))
    assert list(published_posting_list(area=world.village)) == []


def test_a_published_posting_cannot_be_edited(world, cadre):
    posting = _posting(_board(world.village))
    posting_publish(actor=cadre, posting=posting, on=D(2023, 5, 8))
    with pytest.raises(ValidationError, match="已在网上发布，不能修改"):
        posting_update(actor=cadre, posting=posting, title="改", period_end=APRIL_END, posted_on=MAY_8)
    posting.refresh_from_db()
    assert posting.title == "4月财务收支"


def test_cadre_of_another_village_can_neither_see_nor_publish_the_board(world):
    other = make_area(world.township, Level.VILLAGE, "岚溪村", "500229215202")
    other_cadre = make_user("lanxi", role=Role.VILLAGE_CADRE, area=other)
    posting = _posting(_board(world.village))
    with pytest.raises(Http404):
        posting_publish(actor=other_cadre, posting=posting, on=D(2023, 5, 8))
    with pytest.raises(Http404):
        posting_create(actor=other_cadre, board=posting.board, title="x", period_end=APRIL_END, posted_on=MAY_8)
    assert board_list(user=other_cadre, on=D(2023, 5, 20)) == []
    posting.refresh_from_db()
    assert posting.published_on is None


def test_boards_stand_in_townships_and_villages_and_village_accounts_are_periodic(world):
    with pytest.raises(ValidationError, match="公开栏设在乡镇或村"):
        _board(world.grid)
    for category in (BoardCategory.FINANCE, BoardCategory.VILLAGE):
        with pytest.raises(ValidationError, match="至少每季度公布一次"):
            _board(world.village, category, Frequency.AD_HOC)
    assert _board(world.village, BoardCategory.SERVICE, Frequency.AD_HOC).frequency == Frequency.AD_HOC


def test_period_end_must_close_a_period_and_posting_date_not_be_in_the_future(world):
    monthly = _board(world.village)
    with pytest.raises(ValidationError, match="应为月末"):
        _posting(monthly, end=D(2023, 4, 20), posted=D(2023, 4, 22))
    quarterly = _board(world.village, BoardCategory.PARTY, Frequency.QUARTERLY)
    with pytest.raises(ValidationError, match="应为季末"):
        _posting(quarterly, end=APRIL_END)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        _posting(monthly, posted=tomorrow)
    assert not Posting.objects.exists()


def test_refuses_publishing_twice_or_before_posting(world, cadre):
    posting = _posting(_board(world.village))
    with pytest.raises(ValidationError, match="不能早于张贴日期"):
        posting_publish(actor=cadre, posting=posting, on=D(2023, 5, 1))
    posting.refresh_from_db()
    assert posting.published_on is None
    posting_publish(actor=cadre, posting=posting, on=D(2023, 5, 8))
    with pytest.raises(ValidationError, match="已在网上发布"):
        posting_publish(actor=cadre, posting=posting, on=D(2023, 5, 9))


def test_foreign_user_cannot_publish(world):
    posting = _posting(_board(world.village))
    with pytest.raises(Http404):
        posting_publish(
            actor=world.user(Role.VILLAGE_CADRE), posting=_posting(_board(world.foreign_grid.parent)), on=D(2023, 5, 8)
        )
    with pytest.raises(PermissionDenied):
        posting_publish(actor=world.user(Role.LEADER), posting=posting, on=D(2023, 5, 8))
    posting.refresh_from_db()
    assert posting.published_on is None


def test_due_date_and_on_time_follow_the_board_frequency(world):
    # CQ-V-05: 按月 → 次月15日前; 随时 → 10日内
    monthly = _posting(_board(world.village), posted=D(2023, 5, 16))
    assert monthly.due_on == D(2023, 5, 15) and not monthly.is_on_time
    service = _board(world.village, BoardCategory.SERVICE, Frequency.AD_HOC)
    ad_hoc = _posting(service, end=D(2023, 4, 3), posted=D(2023, 4, 13))  # Thursday: no rest-day shift
    assert ad_hoc.due_on == D(2023, 4, 13) and ad_hoc.is_on_time


def test_next_due_moves_on_once_the_period_is_posted(world):
    board = _board(world.village, BoardCategory.PARTY, Frequency.QUARTERLY)
    assert board_next_due(board) == D(2023, 4, 15)
    _posting(board, end=D(2023, 3, 31), posted=D(2023, 4, 8))
    assert board_next_due(board) == D(2023, 7, 15)
    assert board_next_due(_board(world.village, BoardCategory.SERVICE, Frequency.AD_HOC)) is None


def test_board_list_is_scoped_and_marks_overdue(world, cadre):
    _board(world.village)
    _board(world.foreign_grid.parent)
    boards = board_list(user=cadre, on=D(2023, 5, 20))
    assert [b.area for b in boards] == [world.village]
    # nothing posted since it went up on 2023-01-01: January's posting, due 2023-02-15, is the first one owed
    assert boards[0].overdue and boards[0].next_due == D(2023, 2, 15)


def test_attachments_are_saved_with_the_posting(world, cadre):
    board = _board(world.village)
    pdf = SimpleUploadedFile("收支表.pdf", b"%PDF-1.4", content_type="application/pdf")
    posting = posting_create(
        actor=cadre, board=board, title="4月", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8), attachments=[pdf]
    )
    assert [(a.name, a.size) for a in posting.attachments.all()] == [("收支表.pdf", 8)]


def _docx_bytes(part="word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("病毒.exe", b"MZ", r"不支持的文件类型“病毒\.exe”"),
        ("pdf", b"%PDF-1.4", "不支持的文件类型“pdf”"),
        ("收支表.pdf", b"MZ\x90\x00", r"“收支表\.pdf”的内容与扩展名 \.pdf 不符"),
        ("收支表.png", b"%PDF-1.4", r"“收支表\.png”的内容与扩展名 \.png 不符"),
        ("收支表.docx", _docx_bytes("payload.sh"), r"“收支表\.docx”的内容与扩展名 \.docx 不符"),
        ("收支表.xlsx", _docx_bytes(), r"“收支表\.xlsx”的内容与扩展名 \.xlsx 不符"),
    ],
)
def test_refuses_wrong_file_type_by_extension_or_content_and_saves_nothing(world, cadre, name, content, message):
    board = _board(world.village)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError, match=message):
        posting_create(
            actor=cadre, board=board, title="4月", period_end=APRIL_END, posted_on=MAY_8, attachments=[upload]
        )
    assert not Posting.objects.exists() and not PostingAttachment.objects.exists()


def test_real_office_and_image_files_are_accepted_and_names_lose_their_path(world, cadre):
    board = _board(world.village)
    files = [
        SimpleUploadedFile("收支明细.docx", _docx_bytes()),
        png("照片.png"),
        jpeg_with_gps("现场.jpg"),
    ]
    tricky = SimpleUploadedFile("x.pdf", b"%PDF-1.4")
    tricky.name = "..\\..\\etc\\收支表.pdf"  # a Windows-style path survives Django's basename()
    posting = posting_create(
        actor=cadre, board=board, title="4月", period_end=APRIL_END, posted_on=MAY_8, attachments=[*files, tricky]
    )
    names = [a.name for a in posting.attachments.all()]
    assert names == ["收支明细.docx", "照片.png", "现场.jpg", "收支表.pdf"]
    assert all(".." not in a.file.name and "\\" not in a.file.name for a in posting.attachments.all())


def test_refuses_oversized_file(world, cadre, settings):
    board = _board(world.village)
    big = SimpleUploadedFile("大.pdf", b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="超过10MB"):
        posting_create(
            actor=cadre,
            board=board,
            title="4月",
            period_end=D(2023, 4, 30),
            posted_on=D(2023, 5, 8),
            attachments=[big],
        )
    assert not Posting.objects.exists()


def test_update_recomputes_due_date_and_refuses_bad_dates(world, cadre):
    posting = _posting(_board(world.village))
    posting_update(
        actor=cadre, posting=posting, title="5月", text="", period_end=D(2023, 5, 31), posted_on=D(2023, 6, 2)
    )
    posting.refresh_from_db()
    assert (posting.title, posting.due_on) == ("5月", D(2023, 6, 15))
    with pytest.raises(ValidationError, match="不能早于所属期间截止日"):
        posting_update(actor=cadre, posting=posting, title="x", period_end=D(2023, 6, 30), posted_on=D(2023, 6, 2))
    posting.refresh_from_db()
    assert posting.title == "5月"
