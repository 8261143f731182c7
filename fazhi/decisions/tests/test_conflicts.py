"""No lost updates (issue 10 §4): a form from an older version of the decision gets the 409 page, nothing is saved."""

import pytest
from django.urls import reverse

from fazhi.decisions import services
from fazhi.decisions.models import Decision, DecisionStatus, ExpertOpinion, PublicComment
from fazhi.decisions.tests.conftest import D, open_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_leader(client, leader):
    client.force_login(leader)
    return client


def _risk(client, decision, version, conclusion):
    return client.post(
        reverse("decisions:decision_step", args=[decision.pk, "risk"]),
        {"version": version, "risk_assessor": "乡综治办", "risk_level": "low", "risk_conclusion": conclusion},
    )


def test_a_risk_assessment_from_a_page_opened_before_a_colleagues_save_gets_the_conflict_page(client_leader, decision):
    opened = decision.version
    assert _risk(client_leader, decision, opened, "风险可控。").status_code == 302
    decision.refresh_from_db()
    assert decision.version == opened + 1

    stale = _risk(client_leader, decision, opened, "我在旧页面上写的结论")
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "记录已被他人修改" in page and "我在旧页面上写的结论" in page
    assert f"当前记录（第 {decision.version} 版）" in page and "风险可控。" in page
    decision.refresh_from_db()
    assert decision.risk_conclusion == "风险可控。"


def test_a_stale_form_is_refused_even_when_invalid(client_leader, decision):
    services.catalogue_publish(actor=None, decision=decision, on=D(2023, 3, 1))
    stale = client_leader.post(
        reverse("decisions:decision_step", args=[decision.pk, "expert"]), {"version": 1, "expert": "李工"}
    )
    assert stale.status_code == 409
    assert not ExpertOpinion.objects.exists()


def test_editing_the_draft_over_a_newer_version_is_refused(client_leader, decision):
    opened = decision.version
    services.decision_update(actor=None, decision=decision, title="新标题")
    r = client_leader.post(
        reverse("decisions:decision_update", args=[decision.pk]),
        {"version": opened, "title": "旧页面标题", "year": 2023},
    )
    assert r.status_code == 409
    assert Decision.objects.get(pk=decision.pk).title == "新标题"


def test_a_transition_from_a_stale_page_is_refused(client_leader, decision, leader):
    opened = decision.version
    services.catalogue_publish(actor=leader, decision=decision, on=D(2023, 3, 1))
    decision.refresh_from_db()
    r = client_leader.post(
        reverse("decisions:decision_transition", args=[decision.pk]),
        {"version": opened, "action": "open_comment", "on": "2023-03-01", "ends_on": "2023-04-30"},
    )
    assert r.status_code == 409
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and decision.comment_started_on is None
    ok = client_leader.post(
        reverse("decisions:decision_transition", args=[decision.pk]),
        {"version": decision.version, "action": "open_comment", "on": "2023-03-01", "ends_on": "2023-04-30"},
    )
    assert ok.status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.CONSULTING


def test_moderating_from_a_stale_page_is_refused_and_from_the_current_one_saved(client_leader, decision, leader):
    open_comment(decision, leader, D(2023, 3, 1))
    comment = services.comment_record(actor=leader, decision=decision, text="建议扩大管网。", received_on=D(2023, 3, 2))
    decision.refresh_from_db()
    url = reverse("decisions:comment_moderate", args=[decision.pk, comment.pk])
    assert client_leader.post(url, {"version": decision.version - 1, "status": "approved"}).status_code == 409
    assert PublicComment.objects.get(pk=comment.pk).status == "pending"
    r = client_leader.post(url, {"version": decision.version, "status": "approved", "adopted": "yes"})
    assert r.status_code == 302
    assert PublicComment.objects.get(pk=comment.pk).adopted is True


def test_the_detail_page_carries_the_version_in_every_form(client_leader, decision):
    page = client_leader.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    forms = [chunk for chunk in page.split("<form")[1:] if f'action="/decisions/{decision.pk}/' in chunk.split(">")[0]]
    assert len(forms) > 5
    assert all(f'name="version" value="{decision.version}"' in chunk.split("</form>")[0] for chunk in forms)
