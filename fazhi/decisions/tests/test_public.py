import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.decisions import selectors, services, workbench
from fazhi.decisions.models import CommentStatus, PublicComment
from fazhi.decisions.tests.conftest import open_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_decision(decision, leader):
    return open_comment(decision, leader, timezone.localdate() - datetime.timedelta(days=2))


def test_submitted_comment_waits_for_moderation(open_decision, leader):
    c = services.public_comment_submit(decision=open_decision, text=" 建议增加管网 ", name="张三", paragraph=2)
    assert (c.status, c.text, c.paragraph) == (CommentStatus.PENDING, "建议增加管网", 2)
    assert list(selectors.published_comments(decision=open_decision)) == []
    services.public_comment_moderate(actor=leader, comment=c, status=CommentStatus.APPROVED, adopted=True, reply="采纳")
    assert list(selectors.published_comments(decision=open_decision)) == [c]


@pytest.mark.parametrize(
    ("text", "paragraph", "message"),
    [
        ("", None, "请填写意见内容"),
        ("长" * 2001, None, "不能超过2000字"),
        ("好", 4, "征求意见稿没有第4段"),
        ("好", 0, "征求意见稿没有第0段"),
    ],
)
def test_bad_comments_are_refused(open_decision, text, paragraph, message):
    with pytest.raises(ValidationError, match=message):
        services.public_comment_submit(decision=open_decision, text=text, paragraph=paragraph)
    assert not PublicComment.objects.exists()


def test_comments_outside_the_period_are_refused(decision, leader):
    with pytest.raises(ValidationError, match="当前不在公开征求意见期内"):
        services.public_comment_submit(decision=decision, text="好")
    open_comment(decision, leader, timezone.localdate() - datetime.timedelta(days=40))
    with pytest.raises(ValidationError, match="当前不在公开征求意见期内"):
        services.public_comment_submit(decision=decision, text="好")
    assert not PublicComment.objects.exists()


def test_public_site_sees_only_catalogued_decisions_in_the_area(world, decision, open_decision):
    uncatalogued = services.decision_create(actor=None, area=world.township, title="未公布事项", year=2023)
    foreign = services.decision_create(actor=None, area=world.foreign_grid, title="外县事项", year=2023)
    services.catalogue_publish(actor=None, decision=foreign, on=timezone.localdate())
    catalogue = list(selectors.published_catalogue(area=world.township))
    assert catalogue == [open_decision]
    assert catalogue[0].status_label == "公开征求意见中"
    assert list(selectors.published_catalogue(area=world.township, year=2022)) == []
    assert list(selectors.open_consultations(area=world.township)) == [open_decision]
    assert selectors.public_decision(pk=open_decision.pk) == open_decision
    assert selectors.public_decision(pk=uncatalogued.pk) is None


def test_pending_comments_reach_the_workbench_of_the_area_only(world, open_decision, leader):
    services.public_comment_submit(decision=open_decision, text="意见一")
    services.public_comment_submit(decision=open_decision, text="意见二")
    assert [i.title for i in workbench.items(leader)] == [f"2条公众意见待审核：{open_decision.title}"]
    outsider = make_user("mt_leader", role=Role.LEADER, area=world.other_township)
    assert workbench.items(outsider) == []
