import datetime

import pytest
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.tests.apiwrite import assert_field_errors_in_chinese, audited_creation, post_as, staff_at
from fazhi.counsel import services
from fazhi.counsel.models import Consultation, ContractReview, Opinion

D = datetime.date


@pytest.fixture
def writer(world):
    return staff_at(world.other_township)


def _adviser(area, actor=None):
    return services.adviser_create(actor=actor, area=area, name="王律师", contract_from=D(2026, 1, 1),
                                   contract_to=D(2026, 12, 31))  # fmt: skip


def test_a_consultation_is_recorded_and_read_back_masked(client, world, writer):
    adviser = _adviser(world.other_township)
    data = {"area": world.other_township.pk, "received_on": "2026-03-02", "person": "欧阳明", "topic": "土地承包",
            "headcount": 2, "adviser": adviser.pk}  # fmt: skip
    response = post_as(client, writer, "/api/v1/counsel/consultations/", data)
    assert response.status_code == 201, response.content
    consultation = Consultation.objects.get(pk=response.json()["id"])
    assert consultation.person == "欧阳明" and response.json()["person"] == consultation.person_masked != "欧阳明"
    assert audited_creation(consultation, writer)


def test_consultations_refuse_another_role_another_township_and_bad_input(client, world, writer):
    url = "/api/v1/counsel/consultations/"
    data = {"area": world.other_township.pk, "received_on": "2026-03-02", "topic": "土地承包"}
    assert post_as(client, world.user(Role.GRID_ADMIN), url, data).status_code == 403
    assert post_as(client, writer, url, {**data, "area": world.township.pk}).status_code == 403
    foreign_adviser = _adviser(world.township)
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "adviser": foreign_adviser.pk}), {"adviser"})
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "received_on": tomorrow}), {"received_on"})
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "headcount": 0}), {"headcount"})
    assert_field_errors_in_chinese(post_as(client, writer, url, {"area": "x"}), {"area", "received_on", "topic"})
    assert not Consultation.objects.exists()


def test_a_contract_is_submitted_for_review_and_its_review_fields_cannot_be_set(client, world, writer):
    url = "/api/v1/counsel/contracts/"
    data = {"area": world.other_township.pk, "title": "道路硬化施工合同", "counterparty": "某建设公司",
            "drafting_unit": "乡村建设办", "submitted_on": "2026-02-01", "amount": "350000.00",
            "conclusion": "approved", "signed_on": "2026-02-02"}  # fmt: skip
    response = post_as(client, writer, url, data)
    assert response.status_code == 201, response.content
    contract = ContractReview.objects.get(pk=response.json()["id"])
    assert not contract.conclusion and contract.signed_on is None and audited_creation(contract, writer)
    assert post_as(client, world.user(Role.ENFORCER), url, data).status_code == 403
    assert post_as(client, writer, url, {**data, "area": world.foreign_grid.pk}).status_code == 403
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "amount": "-1"}), {"amount"})
    assert_field_errors_in_chinese(post_as(client, writer, url, {"area": world.other_township.pk}),
                                   {"title", "counterparty", "drafting_unit", "submitted_on"})  # fmt: skip
    assert ContractReview.objects.count() == 1


def test_an_adviser_opinion_is_recorded_within_the_contract_period(client, world, writer):
    url = "/api/v1/counsel/opinions/"
    adviser = _adviser(world.other_township)
    data = {"adviser": adviser.pk, "issued_on": "2026-04-01", "kind": "legal_opinion", "subject": "征地补偿方案"}
    response = post_as(client, writer, url, data)
    assert response.status_code == 201, response.content
    assert audited_creation(Opinion.objects.get(pk=response.json()["id"]), writer)
    assert post_as(client, world.user(Role.MEDIATOR), url, data).status_code == 403
    far = _adviser(world.township)
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "adviser": far.pk}), {"adviser"})
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "issued_on": "2025-06-01"}), {"issued_on"})
    assert_field_errors_in_chinese(post_as(client, writer, url, {**data, "kind": "gossip"}), {"kind"})
    assert Opinion.objects.count() == 1
