"""The tracking page follows a request into the grid or mediation app: status and the reply meant for the resident."""

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.models import Matter
from fazhi.grid.services import matter_transition
from fazhi.mediation.choices import DisputeStatus, Tier
from fazhi.mediation.models import Dispute
from fazhi.mediation.services import dispute_close, dispute_create_from_matter
from fazhi.portal import sources
from fazhi.portal.choices import RequestKind
from fazhi.portal.models import PublicRequest
from fazhi.portal.services import public_request_submit


@pytest.fixture
def handed_over(world, django_capture_on_commit_callbacks):
    """Submit a request and run its hand-over (after commit); return (request, resident client)."""

    def submit(kind=RequestKind.MATTER) -> tuple[PublicRequest, Client]:
        dictionary_seed()
        with django_capture_on_commit_callbacks(execute=True):
            request = public_request_submit(
                area=world.village, kind=kind, description="村口路灯坏了一个月了。", phone="13912345678"
            )
        request.refresh_from_db()
        assert request.handoff_id, request.handoff_error
        resident = Client()
        resident.post(reverse("portal:track"), {"code": request.code, "last4": "5678"})
        return request, resident

    return submit


def _page(resident: Client, request: PublicRequest) -> str:
    response = resident.get(reverse("portal:track_detail", kwargs={"code": request.code}))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_closing_the_matter_in_grid_shows_done_and_the_reply_but_no_internal_text(world, handed_over):
    request, resident = handed_over()
    page = _page(resident, request)
    assert "已登记" in page and "评价办理结果" not in page

    matter = Matter.objects.get(pk=request.handoff_id)
    matter_transition(
        actor=world.user(Role.GRID_ADMIN),
        matter=matter,
        action="close",
        result="更换灯泡两只，费用村集体列支（内部）",
        reply="路灯已修好，感谢您的反映。",
        note="电工老李处理",
    )
    page = _page(resident, request)
    assert "已办结" in page
    assert "路灯已修好，感谢您的反映。" in page
    for internal in ("更换灯泡两只", "村集体列支", "电工老李"):
        assert internal not in page
    assert "评价办理结果" in page

    response = resident.post(
        reverse("portal:track_rate", kwargs={"code": request.code}), {"rating": "satisfied"}, follow=True
    )
    assert "感谢您的评价" in response.content.decode()
    request.refresh_from_db()
    assert request.rating == "satisfied"


def test_a_matter_handed_on_to_mediation_is_followed_to_its_dispute(world, handed_over):
    request, resident = handed_over()
    matter = Matter.objects.get(pk=request.handoff_id)
    dispute = dispute_create_from_matter(
        actor=world.user(Role.GRID_ADMIN), matter=matter, tier=Tier.SIMPLE, dispute_type="other"
    )
    assert "调解中" in _page(resident, request)

    dispute_close(
        actor=world.user(Role.GRID_ADMIN),
        dispute=dispute,
        status=DisputeStatus.FAILED,
        reason="被申请人拒绝继续调解。",
    )
    page = _page(resident, request)
    assert "调解不成" in page and "被申请人拒绝继续调解。" in page
    assert "仲裁、行政、司法" in page  # 人民调解法 第二十六条
    assert "评价办理结果" in page


def test_a_mediation_request_shows_the_dispute_status_but_never_its_facts_or_parties(world, handed_over):
    request, resident = handed_over(kind=RequestKind.MEDIATION)
    dispute = Dispute.objects.get(pk=request.handoff_id)
    state = sources.handoff_state("mediation.dispute", dispute.pk)
    # the dispute's month of people's mediation, in natural days (mediation/rules.py)
    assert state == sources.HandoffState("调解中", False, "", dispute.due_date, False)
    page = _page(resident, request)
    assert "调解中" in page
    assert dispute.number not in page and "村口路灯" not in page


def test_a_missing_matter_or_an_unknown_target_has_no_state(world):
    assert sources.handoff_state("grid.matter", 999999) is None
    assert sources.handoff_state("mediation.dispute", 999999) is None
    assert sources.handoff_state("petitions.petition", 1) is None
    assert sources.handoff_state("grid.matter", None) is None
