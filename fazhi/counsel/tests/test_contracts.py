import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas import demo as areas_demo
from fazhi.core.metrics import Period, refresh
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


def test_reviewer_must_be_visible_and_serve_the_contract_area(world, staff, contract):
    foreign = services.adviser_create(
        actor=None, area=world.other_township, name="外乡律师", contract_from=D(2023, 1, 1), contract_to=D(2023, 12, 31)
    )
    with pytest.raises(ValidationError, match="所选顾问不存在"):
        services.contract_review(
            actor=staff, contract=contract, reviewer=foreign, reviewed_on=D(2023, 8, 4), conclusion="passed"
        )
    with pytest.raises(ValidationError, match="所选顾问不服务于该区划"):
        services.contract_review(
            actor=None, contract=contract, reviewer=foreign, reviewed_on=D(2023, 8, 4), conclusion="passed"
        )
    contract.refresh_from_db()
    assert contract.reviewer is None


def test_review_form_offers_only_advisers_serving_the_contract(world, client, staff, adviser, contract):
    services.adviser_create(
        actor=None, area=world.other_township, name="外乡律师", contract_from=D(2023, 1, 1), contract_to=D(2023, 12, 31)
    )
    client.force_login(staff)
    page = client.get(reverse("counsel:contract_detail", args=[contract.pk])).content.decode()
    assert "周律师" in page and "外乡律师" not in page


def test_contract_list_query_count_is_flat(world, client, staff, adviser, django_assert_max_num_queries):
    for n in range(5):
        row = services.contract_create(
            actor=staff, area=world.village, title=f"合同{n}", counterparty="某公司", drafting_unit="村委会",
            submitted_on=D(2023, 8, 1),
        )  # fmt: skip
        services.contract_review(
            actor=staff, contract=row, reviewer=adviser, reviewed_on=D(2023, 8, 2), conclusion="passed"
        )
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("counsel:contract_list") + "?year=2023")
    assert page.status_code == 200 and "合同4" in page.content.decode()


def test_contracts_cannot_be_written_through_the_api(world, client, staff, contract):
    client.force_login(staff)
    url = reverse("api:counsel-contract-detail", args=[contract.pk])
    assert client.patch(url, {"signed_on": "2023-08-05"}, content_type="application/json").status_code == 405
    contract.refresh_from_db()
    assert contract.signed_on is None


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
    response = client.post(url, {"action": "sign", "sign-signed_on": "2023-08-05", "version": contract.version})
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
        "version": contract.version,
    }
    assert client.post(url, review).status_code == 302
    contract.refresh_from_db()
    sign = {"action": "sign", "sign-signed_on": "2023-08-06", "version": contract.version}
    assert client.post(url, sign).status_code == 302
    contract.refresh_from_db()
    assert (contract.conclusion, contract.signed_on) == ("passed", D(2023, 8, 6))


def test_demo_contract_figures(db):
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    demo.load(context)
    township, year = context["township"], Period.year(2023)
    assert ContractReview.objects.count() == 4
    metrics = refresh()
    assert metrics["counsel.contracts_reviewed"].value(area=township, period=year) == 3
    assert metrics["counsel.contracts_passed"].value(area=township, period=year) == 2
