import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas import demo as areas_demo
from fazhi.core.metrics import METRICS, Period
from fazhi.counsel import demo, services
from fazhi.counsel.choices import ReviewConclusion
from fazhi.counsel.models import ContractReview

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def staff(world):
    return world.user(Role.LEGAL_STAFF)


@pytest.fixture
def adviser(world, staff):
    return services.adviser_create(
        actor=staff, area=world.township, name="周律师", contract_from=D(2023, 1, 1), contract_to=D(2023, 12, 31)
    )


@pytest.fixture
def contract(world, staff):
    return services.contract_create(
        actor=staff,
        area=world.village,
        title="闲置校舍租赁合同",
        counterparty="李某",
        drafting_unit="村委会",
        submitted_on=D(2023, 8, 1),
        amount=Decimal("12000"),
    )


def test_contract_cannot_be_signed_before_a_passing_review(staff, adviser, contract):
    with pytest.raises(ValidationError, match="合同未经合法性审查通过，不得签订"):
        services.contract_sign(actor=staff, contract=contract, signed_on=D(2023, 8, 5))
    services.contract_review(
        actor=staff,
        contract=contract,
        reviewer=adviser,
        reviewed_on=D(2023, 8, 4),
        conclusion=ReviewConclusion.REJECTED,
        opinion="租期超过二十年。",
    )
    with pytest.raises(ValidationError, match="合同未经合法性审查通过，不得签订"):
        services.contract_sign(actor=staff, contract=contract, signed_on=D(2023, 8, 5))
    contract.refresh_from_db()
    assert contract.signed_on is None


def test_database_also_refuses_signing_without_a_pass(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractReview.objects.create(
            area=world.village,
            title="x",
            counterparty="y",
            drafting_unit="z",
            submitted_on=D(2023, 1, 1),
            signed_on=D(2023, 1, 2),
        )


def test_passed_with_changes_can_be_signed_and_then_not_reviewed_again(staff, adviser, contract):
    services.contract_review(
        actor=staff,
        contract=contract,
        reviewer=adviser,
        reviewed_on=D(2023, 8, 4),
        conclusion=ReviewConclusion.PASSED_WITH_CHANGES,
        opinion="缩短租期至五年。",
    )
    with pytest.raises(ValidationError, match="签订日期不能早于审查日期"):
        services.contract_sign(actor=staff, contract=contract, signed_on=D(2023, 8, 3))
    signed = services.contract_sign(actor=staff, contract=contract, signed_on=D(2023, 8, 10))
    assert signed.signed_on == D(2023, 8, 10)
    with pytest.raises(ValidationError, match="合同已签订，不能再修改审查结论"):
        services.contract_review(
            actor=staff,
            contract=contract,
            reviewer=adviser,
            reviewed_on=D(2023, 8, 11),
            conclusion="rejected",
            opinion="x",
        )


def test_review_needs_opinion_unless_passed_and_a_date_after_submission(staff, adviser, contract):
    with pytest.raises(ValidationError) as exc:
        services.contract_review(
            actor=staff, contract=contract, reviewer=adviser, reviewed_on=D(2023, 8, 4), conclusion="rejected"
        )
    assert exc.value.message_dict["opinion"] == ["修改后通过或不通过的，须写明审查意见。"]
    with pytest.raises(ValidationError) as exc:
        services.contract_review(
            actor=staff, contract=contract, reviewer=adviser, reviewed_on=D(2023, 7, 30), conclusion="passed"
        )
    assert exc.value.message_dict["reviewed_on"] == ["审查日期不能早于送审日期。"]
    contract.refresh_from_db()
    assert contract.conclusion == "" and contract.reviewer is None


def test_reviewer_must_serve_the_contract_area(world, staff, contract):
    foreign = services.adviser_create(
        actor=None, area=world.other_township, name="外乡律师", contract_from=D(2023, 1, 1), contract_to=D(2023, 12, 31)
    )
    with pytest.raises(ValidationError, match="所选顾问不服务于该合同所属区划"):
        services.contract_review(
            actor=staff, contract=contract, reviewer=foreign, reviewed_on=D(2023, 8, 4), conclusion="passed"
        )


def test_only_changers_in_scope_write(world, contract):
    with pytest.raises(PermissionDenied):
        services.contract_sign(actor=world.user(Role.LEADER), contract=contract, signed_on=D(2023, 8, 5))
    with pytest.raises(PermissionDenied):
        services.contract_create(
            actor=world.user(Role.LEGAL_STAFF),
            area=world.foreign_grid.parent,
            title="x",
            counterparty="y",
            drafting_unit="z",
            submitted_on=D(2023, 1, 1),
        )
    assert ContractReview.objects.count() == 1


def test_other_area_contract_is_404(world, client):
    row = services.contract_create(
        actor=None,
        area=world.foreign_grid.parent,
        title="外县合同",
        counterparty="y",
        drafting_unit="z",
        submitted_on=D(2023, 1, 1),
    )
    client.force_login(world.user(Role.SUPERVISOR))
    assert client.get(reverse("counsel:contract_detail", args=[row.pk])).status_code == 404
    assert "外县合同" not in client.get(reverse("counsel:contract_list") + "?year=2023").content.decode()


def test_sign_page_shows_refusal_in_chinese(world, client, contract):
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("counsel:contract_detail", args=[contract.pk])
    response = client.post(url, {"action": "sign", "sign-signed_on": "2023-08-05"})
    assert response.status_code == 200
    assert "合同未经合法性审查通过，不得签订。" in response.content.decode()
    contract.refresh_from_db()
    assert contract.signed_on is None


def test_review_and_sign_through_the_page(world, client, adviser, contract):
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("counsel:contract_detail", args=[contract.pk])
    review = {
        "action": "review",
        "review-reviewer": adviser.pk,
        "review-reviewed_on": "2023-08-04",
        "review-conclusion": "passed",
        "review-opinion": "",
    }
    assert client.post(url, review).status_code == 302
    assert client.post(url, {"action": "sign", "sign-signed_on": "2023-08-06"}).status_code == 302
    contract.refresh_from_db()
    assert (contract.conclusion, contract.signed_on) == ("passed", D(2023, 8, 6))


def test_demo_contract_figures(db):
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    demo.load(context)
    township, year = context["township"], Period.year(2023)
    assert ContractReview.objects.count() == 4
    assert METRICS["counsel.contracts_reviewed"].value(area=township, period=year) == 3
    assert METRICS["counsel.contracts_passed"].value(area=township, period=year) == 2
