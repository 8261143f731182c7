from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.mediation.models import Session

from .conftest import make_dispute


def _session(client, dispute, version, notes):
    return client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "session"]),
        {"version": version, "session-held_on": "2023-03-05", "session-place": "工作室", "session-notes": notes},
    )


def test_a_session_written_on_a_page_opened_before_the_dispute_was_closed_gets_the_conflict_page(
    client, world, studio, mediator
):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    opened = dispute.version
    client.force_login(world.user(Role.MEDIATOR))
    assert _session(client, dispute, opened, "第一次调解").status_code == 302
    closed = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "close"]),
        {
            "version": opened,
            "close-status": "failed",
            "close-on": "2023-03-08",
            "close-form": "oral",
            "close-reason": "双方分歧较大",
        },
    )
    assert closed.status_code == 302
    dispute.refresh_from_db()
    assert dispute.version > opened

    stale = _session(client, dispute, opened, "我在旧页面上写的记录")
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "记录已被他人修改" in page and "我在旧页面上写的记录" in page
    assert f"当前记录（第 {dispute.version} 版）" in page
    assert list(Session.objects.values_list("notes", flat=True)) == ["第一次调解"]


def test_a_tampered_version_is_refused_as_a_conflict(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.MEDIATOR))
    assert _session(client, dispute, "not-a-number", "x").status_code == 409
    assert not Session.objects.exists()
