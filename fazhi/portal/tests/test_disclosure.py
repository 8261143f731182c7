"""The area page shows what the owning apps published — and nothing unpublished or from another area."""

import datetime

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.decisions.services import catalogue_publish, decision_create
from fazhi.disclosure.models import BoardCategory, Frequency
from fazhi.disclosure.services import board_create, posting_create, posting_publish
from fazhi.documents.choices import DocumentStatus
from fazhi.documents.models import NormativeDocument

D = datetime.date


def _page(client, area, **params) -> str:
    response = client.get(reverse("portal:area", kwargs={"pk": area.pk}), params)
    assert response.status_code == 200
    return response.content.decode()


def _posting(board, title, *, published_on=None, text="收入12,000元，支出8,500元。"):
    posting = posting_create(
        actor=None, board=board, title=title, period_end=D(2024, 3, 31), posted_on=D(2024, 4, 2), text=text
    )
    if published_on:
        posting_publish(actor=None, posting=posting, on=published_on)
    return posting


@pytest.fixture
def boards(world):
    village = board_create(
        actor=None, area=world.village, category=BoardCategory.FINANCE, frequency=Frequency.QUARTERLY, location="村委会"
    )
    foreign = board_create(
        actor=None,
        area=world.foreign_grid.parent,
        category=BoardCategory.FINANCE,
        frequency=Frequency.QUARTERLY,
        location="村委会",
    )
    return village, foreign


def test_published_postings_show_newest_first_with_their_board_and_unpublished_ones_do_not(world, client, boards):
    village, foreign = boards
    _posting(village, "2024年第一季度财务公开", published_on=D(2024, 4, 3))
    _posting(village, "2024年3月低保名单", published_on=D(2024, 4, 10))
    _posting(village, "尚未上网的草稿")
    _posting(foreign, "巫溪县某村财务公开", published_on=D(2024, 4, 5))
    for area in (world.village, world.township):
        page = _page(client, area)
        assert page.index("2024年3月低保名单") < page.index("2024年第一季度财务公开")
        assert "财务" in page
        assert "尚未上网的草稿" not in page and "巫溪县某村财务公开" not in page


def test_the_search_box_finds_postings_by_title_or_text(world, client, boards):
    village, _foreign = boards
    _posting(village, "2024年第一季度财务公开", published_on=D(2024, 4, 3), text="修缮村道支出8,500元")
    _posting(village, "2024年3月低保名单", published_on=D(2024, 4, 10), text="名单共5户")
    page = _page(client, world.village, q="村道")
    assert "2024年第一季度财务公开" in page and "2024年3月低保名单" not in page
    assert 'value="村道"' in page
    assert "暂无公开内容" in _page(client, world.village, q="没有这回事")


def test_the_board_filter_shows_one_kind_of_board(world, client, boards):
    village, _foreign = boards
    party = board_create(
        actor=None, area=world.village, category=BoardCategory.PARTY, frequency=Frequency.QUARTERLY, location="村委会"
    )
    _posting(village, "2024年第一季度财务公开", published_on=D(2024, 4, 3))
    _posting(party, "2024年党费收缴情况", published_on=D(2024, 4, 8))
    page = _page(client, world.village, board="party")
    assert "2024年党费收缴情况" in page and "2024年第一季度财务公开" not in page
    assert '<option value="party" selected>' in page
    page = _page(client, world.village, board="no-such-board")  # ignored, not an error
    assert "2024年党费收缴情况" in page and "2024年第一季度财务公开" in page


def test_every_section_says_so_when_it_is_empty(world, client):
    page = _page(client, world.township)
    for empty in ("暂无公开内容", "目前没有正在征求意见", "暂无决策目录", "暂无已公布的规范性文件", "暂无执法公示"):
        assert empty in page


def test_the_decision_catalogue_links_each_catalogued_decision_and_hides_the_rest(world, client):
    actor = world.user(Role.LEADER)
    listed = decision_create(actor=actor, area=world.township, title="集镇垃圾中转站选址", year=2024)
    catalogue_publish(actor=actor, decision=listed, on=D(2024, 1, 10))
    decision_create(actor=actor, area=world.township, title="尚未列入目录的事项", year=2024)
    page = _page(client, world.village)
    assert "集镇垃圾中转站选址" in page
    assert reverse("portal:decision", kwargs={"pk": listed.pk}) in page
    assert "尚未列入目录的事项" not in page


def test_only_documents_in_force_are_listed(world, client):
    NormativeDocument.objects.create(
        area=world.township,
        title="治平乡农村建房管理办法",
        body="第一条 为规范农村建房……",
        status=DocumentStatus.ISSUED,
        registration_no="治平府规〔2024〕1号",
        issued_on=D(2024, 2, 1),
    )
    NormativeDocument.objects.create(area=world.township, title="起草中的文件", body="草稿")
    page = _page(client, world.township)
    assert "治平乡农村建房管理办法" in page and "治平府规〔2024〕1号" in page
    assert "起草中的文件" not in page


def test_enforcement_decisions_are_listed_once_published_and_until_withdrawn(world, client):
    from fazhi.enforcement.models import Publication
    from fazhi.enforcement.services import case_create

    case = case_create(
        actor=world.user(Role.ENFORCER),
        area=world.township,
        title="某商户占道经营",
        case_type="penalty",
        opened_on=D(2024, 3, 1),
    )
    shown = dict(case=case, kind="penalty", due_on=D(2024, 4, 1))
    Publication.objects.create(**shown, title="行政处罚决定（占道经营）", text="罚款200元", published_on=D(2024, 3, 20))
    Publication.objects.create(**shown, title="待公示的决定", text="—")
    Publication.objects.create(
        **shown, title="已撤下的决定", text="—", published_on=D(2024, 3, 5), withdrawn_on=D(2024, 3, 25)
    )
    page = _page(client, world.village)
    assert "行政处罚决定（占道经营）" in page and "罚款200元" in page
    assert "待公示的决定" not in page and "已撤下的决定" not in page


def test_the_area_page_shows_the_newest_thirty_postings_and_search_finds_older_ones(world, client, boards):
    village, _foreign = boards
    for day in range(1, 32):
        _posting(village, f"第{day:02d}号公开", published_on=D(2024, 5, day))
    page = _page(client, world.village)
    assert "第31号公开" in page and "第02号公开" in page and "第01号公开" not in page
    assert "只显示最近30条" in page
    assert "第01号公开" in _page(client, world.village, q="第01号")
