import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.disclosure.models import Board, BoardCategory, Frequency, Posting
from fazhi.disclosure.services import board_create, posting_create, posting_publish

pytestmark = pytest.mark.django_db
D = datetime.date
SINCE = D(2023, 1, 1)  # the boards here stand from the start of the year the tests look at


@pytest.fixture
def board(world):
    return board_create(
        actor=None,
        area=world.village,
        category=BoardCategory.FINANCE,
        frequency=Frequency.MONTHLY,
        location="村委会",
        established_on=SINCE,
    )


def test_cadre_posts_with_a_file_and_publishes(world, client, board):
    client.force_login(world.user(Role.VILLAGE_CADRE))
    pdf = SimpleUploadedFile("收支表.pdf", b"%PDF-1.4")
    data = {"title": "4月财务收支", "text": "收入", "period_end": "2023-04-30", "posted_on": "2023-05-08"}
    response = client.post(reverse("disclosure:posting_create", args=[board.pk]), {**data, "attachments": pdf})
    assert response.status_code == 302
    posting = Posting.objects.get()
    client.post(
        reverse("disclosure:posting_publish", args=[posting.pk]),
        {"on": "2023-05-09", "version": Posting.objects.get(pk=posting.pk).version},
    )
    posting.refresh_from_db()
    assert posting.published_on == D(2023, 5, 9)
    page = client.get(reverse("disclosure:board_detail", args=[board.pk])).content.decode()
    assert "4月财务收支" in page and "收支表.pdf" in page
    download = client.get(reverse("disclosure:attachment_download", args=[posting.attachments.get().pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4"


def test_bad_post_shows_chinese_error_and_saves_nothing(world, client, board):
    client.force_login(world.user(Role.VILLAGE_CADRE))
    data = {"title": "4月", "period_end": "2023-04-30", "posted_on": "2023-04-20"}
    response = client.post(reverse("disclosure:posting_create", args=[board.pk]), data)
    assert response.status_code == 200
    assert "张贴日期不能早于所属期间截止日" in response.content.decode()
    assert not Posting.objects.exists()


def test_publish_error_is_reported(world, client, board):
    posting = posting_create(actor=None, board=board, title="4月", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8))
    client.force_login(world.user(Role.VILLAGE_CADRE))
    response = client.post(
        reverse("disclosure:posting_withdraw", args=[posting.pk]),
        {"on": "2023-05-09", "version": Posting.objects.get(pk=posting.pk).version},
        follow=True,
    )
    assert "未在网上发布" in response.content.decode()


def test_a_board_entered_late_keeps_the_day_it_went_up_and_a_future_day_is_refused(world, client):
    client.force_login(world.user(Role.VILLAGE_CADRE))
    data = {"area": world.village.pk, "category": "party", "frequency": "quarterly", "location": "村委会"}
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("disclosure:board_create"), {**data, "established_on": future})
    assert response.status_code == 200 and "设立日期不能晚于今天。" in response.content.decode()
    assert not Board.objects.exists()
    response = client.post(reverse("disclosure:board_create"), {**data, "established_on": "2023-03-01"})
    board = Board.objects.get()
    assert response.status_code == 302 and board.established_on == D(2023, 3, 1)
    assert "设立日期：2023-03-01" in client.get(reverse("disclosure:board_detail", args=[board.pk])).content.decode()


def test_board_list_marks_overdue_and_hides_other_areas(world, client, board):
    board_create(
        actor=None, area=world.foreign_grid.parent, category=BoardCategory.PARTY, frequency="quarterly", location="x",
        established_on=SINCE,
    )  # fmt: skip
    client.force_login(world.user(Role.SUPERVISOR))
    page = client.get(reverse("disclosure:board_list")).content.decode()
    assert "新红村 · 财务" in page and "逾期未公开" in page and "宁厂社区" not in page


def test_board_list_pages_a_county_s_boards_with_what_is_due_on_each_page(world, client, board):
    for n in range(13):  # 52 more boards: 53 in all, two pages of 50
        village = make_area(world.township, Level.VILLAGE, f"第{n:02d}村", f"5002292153{n:02d}")
        for category in BoardCategory.values:
            board_create(
                actor=None, area=village, category=category, frequency="quarterly", location="x", established_on=SINCE
            )
    client.force_login(world.user(Role.SUPERVISOR))
    first = client.get(reverse("disclosure:board_list"))
    assert len(first.context["page"]) == 50 and "第 1 / 2 页" in first.content.decode()
    second = client.get(reverse("disclosure:board_list"), {"page": 2})
    listed = list(second.context["page"])
    assert len(listed) == 3 and all(b.overdue and b.next_due for b in listed)  # none posted anything yet


def test_board_list_query_count_is_flat(world, client, board, django_assert_max_num_queries):
    for month in range(1, 4):
        end = D(2023, month + 1, 1) - datetime.timedelta(days=1)
        posting_create(actor=None, board=board, title=f"{month}月", period_end=end, posted_on=end)
    client.force_login(world.user(Role.LEGAL_STAFF))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("disclosure:board_list")).status_code == 200


def test_board_page_query_count_is_flat(world, client, board, django_assert_max_num_queries):
    for month in range(1, 7):
        end = D(2023, month + 1, 1) - datetime.timedelta(days=1)
        pdf = SimpleUploadedFile(f"{month}.pdf", b"%PDF-1.4")
        posting_create(actor=None, board=board, title=f"{month}月", period_end=end, posted_on=end, attachments=[pdf])
    client.force_login(world.user(Role.LEGAL_STAFF))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("disclosure:board_detail", args=[board.pk]))
    assert page.status_code == 200 and "6.pdf" in page.content.decode()


def test_withdrawn_posting_offers_no_publish_and_published_one_no_edit(world, client, board):
    posting = posting_create(actor=None, board=board, title="4月", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8))
    posting_publish(actor=None, posting=posting, on=D(2023, 5, 8))
    client.force_login(world.user(Role.VILLAGE_CADRE))
    url = reverse("disclosure:board_detail", args=[board.pk])
    page = client.get(url).content.decode()
    assert reverse("disclosure:posting_edit", args=[posting.pk]) not in page
    client.post(
        reverse("disclosure:posting_withdraw", args=[posting.pk]),
        {"on": "2023-05-20", "version": Posting.objects.get(pk=posting.pk).version},
    )
    page = client.get(url).content.decode()
    assert reverse("disclosure:posting_publish", args=[posting.pk]) not in page and "已撤回" in page
    response = client.post(
        reverse("disclosure:posting_publish", args=[posting.pk]),
        {"on": "2023-05-21", "version": Posting.objects.get(pk=posting.pk).version},
        follow=True,
    )
    assert "不能再次发布" in response.content.decode()


def test_api_filter_by_another_areas_board_looks_like_a_missing_board(world, client, board):
    foreign = board_create(
        actor=None, area=world.foreign_grid.parent, category=BoardCategory.PARTY, frequency="quarterly", location="x"
    )
    posting_create(actor=None, board=foreign, title="外县", period_end=D(2023, 3, 31), posted_on=D(2023, 4, 8))
    posting_create(actor=None, board=board, title="本村", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8))
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("api:disclosure-posting-list")
    assert [p["title"] for p in client.get(url).json()["results"]] == ["本村"]
    assert client.get(url, {"board": board.pk}).json()["count"] == 1
    foreign_answer = client.get(url, {"board": foreign.pk})
    missing_answer = client.get(url, {"board": foreign.pk + 1000})
    assert foreign_answer.status_code == missing_answer.status_code == 400
    assert foreign_answer.json() == missing_answer.json()
    # Creating through the API names another area's board as it names a missing one, and saves nothing.
    count = Posting.objects.count()
    foreign_post = client.post(url, {"board": foreign.pk, "title": "x"})
    missing_post = client.post(url, {"board": foreign.pk + 1000, "title": "x"})
    assert foreign_post.status_code == missing_post.status_code == 400
    for answer, pk in ((foreign_post, foreign.pk), (missing_post, foreign.pk + 1000)):
        assert answer.json()["board"] == [f"无效主键 “{pk}” － 对象不存在。"]
    assert Posting.objects.count() == count


def test_removal_from_the_board_keeps_the_ten_day_minimum(world, client, board):
    posting = posting_create(actor=None, board=board, title="4月", period_end=D(2023, 4, 30), posted_on=D(2023, 5, 8))
    client.force_login(world.user(Role.VILLAGE_CADRE))
    url = reverse("disclosure:posting_remove", args=[posting.pk])
    early = client.post(
        url, {"on": "2023-05-12", "version": Posting.objects.get(pk=posting.pk).version}, follow=True
    ).content.decode()
    assert "公开时间不少于10日，最早可于2023-05-18撤下" in early
    client.post(url, {"on": "2023-05-18", "version": Posting.objects.get(pk=posting.pk).version})
    posting.refresh_from_db()
    assert posting.removed_on == D(2023, 5, 18)
