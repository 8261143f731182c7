"""The tracking page tells the resident when to expect an answer: the due date of the case their request became,
counted as its rule says (working days for a grid matter, the natural month of people's mediation), and says so
when that date has passed."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.models import Matter
from fazhi.mediation.models import Dispute
from fazhi.portal.choices import RequestKind
from fazhi.portal.services import public_request_submit


@pytest.fixture
def submit(world, django_capture_on_commit_callbacks):
    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))

    def go(kind):
        with django_capture_on_commit_callbacks(execute=True):
            request = public_request_submit(
                area=world.village, kind=kind, description="村口路灯坏了一个月了。", phone="13912345678"
            )
        request.refresh_from_db()
        assert request.handoff_id, request.handoff_error
        resident = Client()
        resident.post(reverse("portal:track"), {"code": request.code, "last4": "5678"})
        return request, resident

    return go


def _page(resident, request) -> str:
    return resident.get(reverse("portal:track_detail", kwargs={"code": request.code})).content.decode()


def test_a_matter_shows_its_due_date_in_working_days_and_says_when_it_has_passed(submit):
    request, resident = submit(RequestKind.MATTER)
    matter = Matter.objects.get(pk=request.handoff_id)
    assert matter.due_date > timezone.localdate()
    html = _page(resident, request)
    assert f'预计答复日期：<strong class="date">{matter.due_date:%Y-%m-%d}</strong>' in html
    assert "按工作日计算" in html and 'data-testid="expected-passed"' not in html

    Matter.objects.filter(pk=matter.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    html = _page(resident, request)
    assert 'data-testid="expected-passed"' in html and "已超过预计答复日期" in html


def test_a_mediation_request_shows_the_dispute_due_date_in_natural_days(submit):
    request, resident = submit(RequestKind.MEDIATION)
    dispute = Dispute.objects.get(pk=request.handoff_id)
    html = _page(resident, request)
    if dispute.due_date is None:  # a 简易 dispute has no period: the page promises no date
        assert "预计答复日期：" not in html
    else:
        assert f"{dispute.due_date:%Y-%m-%d}" in html and "按自然日计算" in html


def test_a_request_not_yet_handed_over_says_the_date_comes_after_acceptance(world):
    from fazhi.portal.models import PublicRequest

    dictionary_seed()
    request = PublicRequest.objects.create(
        area=world.village, code="ACDEFGHJKM", kind=RequestKind.MATTER, description="路灯坏了很久了"
    )
    resident = Client()
    resident.post(reverse("portal:track"), {"code": request.code, "last4": ""})
    html = _page(resident, request)
    assert "受理后将在此显示预计答复日期" in html
