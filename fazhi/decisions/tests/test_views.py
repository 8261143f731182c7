import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.decisions import services
from fazhi.decisions.archive import COMMENTS_NAME, SUMMARY_NAME
from fazhi.decisions.models import CommentStatus, Decision, DecisionStatus, PublicComment
from fazhi.decisions.tests.conftest import D, open_comment, prepare_for_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_leader(client, leader):
    client.force_login(leader)
    return client


def test_create_edit_and_list_by_year(client_leader, world):
    url = reverse("decisions:decision_create")
    r = client_leader.post(url, {"area": world.township.pk, "title": "乡村道路提档升级", "year": 2024})
    d = Decision.objects.get(title="乡村道路提档升级")
    assert r.status_code == 302 and not d.participation_required
    r = client_leader.post(
        reverse("decisions:decision_update", args=[d.pk]), {"title": "", "year": 2024, "version": d.version}
    )
    assert r.status_code == 200 and "必填" in r.content.decode()
    d.refresh_from_db()
    assert d.title == "乡村道路提档升级"
    page = client_leader.get(reverse("decisions:decision_list"), {"year": 2024}).content.decode()
    assert "乡村道路提档升级" in page
    assert (
        "乡村道路提档升级" not in client_leader.get(reverse("decisions:decision_list"), {"year": 2023}).content.decode()
    )


def test_deciding_during_comment_period_shows_the_chinese_refusal(client_leader, decision, leader):
    prepare_for_decision(decision, leader)
    Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.CONSULTING)
    url = reverse("decisions:decision_transition", args=[decision.pk])
    r = client_leader.post(
        url,
        {"action": "discuss", "on": "2023-03-20", "version": Decision.objects.get(pk=decision.pk).version},
        follow=True,
    )
    assert "期满前不得提交审查或作出决定" in r.content.decode()
    decision.refresh_from_db()
    assert decision.discussed_on is None


def test_step_form_with_bad_input_saves_nothing(client_leader, decision):
    url = reverse("decisions:decision_step", args=[decision.pk, "risk"])
    r = client_leader.post(
        url,
        {"risk_assessor": "综治办", "risk_level": "extreme", "risk_conclusion": "可控", "version": decision.version},
        follow=True,
    )
    assert "风险等级" in r.content.decode()
    decision.refresh_from_db()
    assert decision.risk_assessor == ""
    assert client_leader.post(reverse("decisions:decision_step", args=[decision.pk, "nonsense"])).status_code == 404


def test_moderation_publishes_a_comment(client_leader, decision):
    c = PublicComment.objects.create(decision=decision, text="建议")
    url = reverse("decisions:comment_moderate", args=[decision.pk, c.pk])
    client_leader.post(
        url,
        {
            "status": "approved",
            "adopted": "yes",
            "reply": "采纳",
            "version": Decision.objects.get(pk=decision.pk).version,
        },
    )
    c.refresh_from_db()
    assert (c.status, c.adopted, c.reply) == (CommentStatus.APPROVED, True, "采纳")


def test_archive_zip_holds_summary_comments_and_attachments(client_leader, decision, leader):
    prepare_for_decision(decision, leader)
    services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))
    PublicComment.objects.create(decision=decision, text="建议延伸管网", name="王大明", adopted=True)
    upload = SimpleUploadedFile("审查意见书.txt", "合法".encode())
    client_leader.post(
        reverse("decisions:decision_attachment", args=[decision.pk]),
        {"step": "review", "file": upload, "version": Decision.objects.get(pk=decision.pk).version},
    )
    r = client_leader.get(reverse("decisions:decision_archive", args=[decision.pk]))
    assert r["Content-Type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.content))
    names = z.namelist()
    assert SUMMARY_NAME in names and COMMENTS_NAME in names
    assert any(n.startswith("03_附件/合法性审查/") and n.endswith("审查意见书.txt") for n in names)
    text = "\n".join(p.text for p in Document(io.BytesIO(z.read(SUMMARY_NAME))).paragraphs)
    assert "乡长（主要负责人）：同意。" in text and "权限、程序、内容均合法。" in text
    assert "建议延伸管网" in z.read(COMMENTS_NAME).decode()


def test_detail_lists_what_is_still_missing(client_leader, decision):
    page = client_leader.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    assert "未经合法性审查的决策草案，不得提交集体讨论" in page and "程序清单" in page


def test_other_township_cannot_see_the_decision(client, world, decision):
    client.force_login(make_user("mt_staff", role=Role.LEGAL_STAFF, area=world.other_township))
    assert client.get(reverse("decisions:decision_detail", args=[decision.pk])).status_code == 404
    assert decision.title not in client.get(reverse("decisions:decision_list")).content.decode()
    api = client.get("/api/v1/decisions/decisions/").json()
    assert api["count"] == 0 if isinstance(api, dict) else api == []


def test_api_lists_decisions_with_their_procedure(client_leader, decision, leader):
    prepare_for_decision(decision, leader)
    data = client_leader.get("/api/v1/decisions/decisions/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [r["title"] for r in rows] == [decision.title]
    assert rows[0]["statements"][-1]["is_principal"] and rows[0]["review_conclusion"] == "legal"


def test_staff_record_a_written_comment_only_within_the_period(client_leader, decision, leader):
    open_comment(decision, leader, D(2023, 3, 1))
    url = reverse("decisions:decision_step", args=[decision.pk, "comment"])
    r = client_leader.post(
        url,
        {"received_on": "2023-04-05", "text": "迟到的意见", "version": Decision.objects.get(pk=decision.pk).version},
        follow=True,
    )
    assert "收到日期不在公开征求意见期内" in r.content.decode() and not PublicComment.objects.exists()
    client_leader.post(
        url,
        {
            "received_on": "2023-03-05",
            "text": "书面意见",
            "paragraph": 1,
            "version": Decision.objects.get(pk=decision.pk).version,
        },
    )
    c = PublicComment.objects.get()
    assert (c.text, c.paragraph, c.status, c.submitted_at.date()) == (
        "书面意见",
        1,
        CommentStatus.PENDING,
        D(2023, 3, 5),
    )


def test_list_query_count_does_not_grow_with_decisions(client_leader, world, django_assert_max_num_queries):
    for i in range(15):
        Decision.objects.create(area=world.township, title=f"事项{i}", year=2023)
    with django_assert_max_num_queries(12):
        assert client_leader.get(reverse("decisions:decision_list")).status_code == 200
