"""A major decision's public comment call: comment (on a paragraph), moderation first, handling published after."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.decisions.models import CommentStatus, Decision, PublicComment
from fazhi.decisions.services import (
    catalogue_publish,
    decision_create,
    decision_transition,
    participation_record,
    public_comment_moderate,
)

DRAFT = "一、中转站拟建于集镇东侧。\n二、建设资金由乡财政安排。\n三、建成后委托专业公司运营。"


@pytest.fixture
def decision(world):
    leader = world.user(Role.LEADER)
    today = timezone.localdate()
    d = decision_create(
        actor=leader,
        area=world.township,
        title="集镇垃圾中转站选址",
        year=today.year,
        summary="拟在集镇新建垃圾中转站一座。",
        consultation_text=DRAFT,
    )
    catalogue_publish(actor=leader, decision=d, on=today)
    # 重大行政决策程序暂行条例 第十五条: at least 30 days for comment; 40 leaves room.
    return decision_transition(
        actor=leader, decision=d, action="open_comment", on=today, ends_on=today + datetime.timedelta(days=40)
    )


def _url(decision) -> str:
    return reverse("portal:decision", kwargs={"pk": decision.pk})


def _close_period(decision) -> None:
    # The period ran out: move it into the past, as if a month went by.
    today = timezone.localdate()
    Decision.objects.filter(pk=decision.pk).update(
        comment_started_on=today - datetime.timedelta(days=40), comment_ends_on=today - datetime.timedelta(days=5)
    )


def test_the_page_shows_the_draft_by_paragraph_and_the_area_page_links_the_open_call(world, client, decision):
    page = client.get(_url(decision)).content.decode()
    for n, text in enumerate(DRAFT.splitlines(), start=1):
        assert f'id="p-{n}"' in page and text in page
    assert "正在征求意见" in page and "?paragraph=2#comment-form" in page
    area_page = client.get(reverse("portal:area", kwargs={"pk": world.village.pk})).content.decode()
    assert _url(decision) in area_page and "意见截止" in area_page


def test_a_comment_on_a_paragraph_shows_only_after_staff_approve_it(world, client, decision):
    data = {"paragraph": "2", "text": "建议由县里补助一部分资金。", "name": "李四", "website": ""}
    response = client.post(_url(decision), data, follow=True)
    assert "经审核后公开" in response.content.decode()
    comment = PublicComment.objects.get()
    assert (comment.paragraph, comment.status, comment.name) == (2, CommentStatus.PENDING, "李四")
    assert "建议由县里补助" not in client.get(_url(decision)).content.decode()

    public_comment_moderate(
        actor=world.user(Role.LEADER), comment=comment, status=CommentStatus.APPROVED, reply="已转县财政局研究。"
    )
    page = client.get(_url(decision)).content.decode()
    assert "建议由县里补助一部分资金。" in page and "李四" in page and "第2段" in page
    assert "已转县财政局研究。" in page


def test_after_the_period_a_comment_is_refused_in_chinese_and_the_handling_is_published(world, client, decision):
    _close_period(decision)
    response = client.post(_url(decision), {"text": "还来得及吗？", "website": ""})
    assert response.status_code == 400
    assert "不在公开征求意见期内" in response.content.decode()
    assert PublicComment.objects.count() == 0
    assert "handling" not in client.get(_url(decision)).content.decode()

    participation_record(actor=world.user(Role.LEADER), decision=decision, comment_handling="共收到意见3条，采纳1条。")
    page = client.get(_url(decision)).content.decode()
    assert 'data-testid="handling"' in page and "共收到意见3条，采纳1条。" in page
    assert 'name="text"' not in page  # no form once the period is over


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "请填写意见内容。"),
        ({"text": "意见", "paragraph": "9"}, "征求意见稿没有这一段"),
        ({"text": "字" * 2001}, "意见内容不能超过2000字。"),
    ],
)
def test_bad_comments_are_refused_with_a_chinese_message_and_nothing_is_saved(client, decision, data, message):
    response = client.post(_url(decision), {"website": "", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PublicComment.objects.count() == 0


def test_the_honeypot_refuses_a_comment_and_saves_nothing(client, decision):
    response = client.post(_url(decision), {"text": "正常意见", "website": "http://spam"})
    assert response.status_code == 400 and "请勿填写此项" in response.content.decode()
    assert PublicComment.objects.count() == 0


def test_the_11th_comment_in_a_minute_from_one_address_is_refused(client, decision):
    for _i in range(10):
        client.post(_url(decision), {"text": "我支持这个方案。", "website": ""})
    response = client.post(_url(decision), {"text": "第十一条意见", "website": ""})
    assert response.status_code == 429 and "太频繁" in response.content.decode()
    assert PublicComment.objects.count() == 10


def test_a_decision_not_in_the_published_catalogue_has_no_public_page(world, client):
    draft = decision_create(actor=world.user(Role.LEADER), area=world.township, title="内部研究中", year=2024)
    assert client.get(_url(draft)).status_code == 404
