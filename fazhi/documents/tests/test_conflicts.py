from django.urls import reverse

from fazhi.documents.models import NormativeDocument


def _edit(client, doc, version, body):
    return client.post(
        reverse("documents:document_update", args=[doc.pk]),
        {"version": version, "title": doc.title, "drafting_unit": "党政办", "body": body},
    )


def test_two_drafters_editing_the_same_draft_the_second_sees_both_versions_and_overwrites_nothing(client, doc, staff):
    client.force_login(staff)
    opened = doc.version
    assert _edit(client, doc, opened, "第一条 各村做好环境卫生整治。").status_code == 302
    stale = _edit(client, doc, opened, "第一条 我在旧页面上改的条文。")
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "我在旧页面上改的条文" in page and "各村做好环境卫生整治" in page
    assert NormativeDocument.objects.get(pk=doc.pk).body == "第一条 各村做好环境卫生整治。"


def test_a_transition_from_a_stale_page_is_refused(client, doc, staff):
    client.force_login(staff)
    opened = doc.version
    assert _edit(client, doc, opened, "第一条 各村做好环境卫生整治。").status_code == 302
    response = client.post(
        reverse("documents:document_transition", args=[doc.pk]),
        {"version": opened, "action": "submit_review", "on": "2023-03-06"},
    )
    assert response.status_code == 409
    assert NormativeDocument.objects.get(pk=doc.pk).status == "draft"
