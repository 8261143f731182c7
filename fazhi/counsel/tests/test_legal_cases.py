import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas import demo as areas_demo
from fazhi.core.metrics import Period, refresh
from fazhi.counsel import demo, services
from fazhi.counsel.choices import CaseKind, CaseOutcome
from fazhi.counsel.models import CourtAppearance, LegalCase

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def staff(world):
    return world.user(Role.LEGAL_STAFF)


def _case(staff, area, kind=CaseKind.LITIGATION, number="（2023）渝0229行初45号"):
    return services.legal_case_create(
        actor=staff,
        area=area,
        kind=kind,
        case_number=number,
        claimant="某合作社",
        subject="行政处罚决定",
        filed_on=D(2023, 7, 3),
        organ="城口县人民法院",
    )


def test_duplicate_case_number_is_refused(world, staff):
    _case(staff, world.township)
    with pytest.raises(ValidationError) as exc:
        _case(staff, world.township)
    assert exc.value.message_dict["case_number"] == ["该案号已登记。"]
    assert LegalCase.objects.count() == 1


def test_close_needs_an_outcome_and_a_date_after_filing(world, staff):
    case = _case(staff, world.township)
    with pytest.raises(ValidationError, match="请选择案件结果"):
        services.legal_case_close(actor=staff, case=case, outcome=CaseOutcome.PENDING, closed_on=D(2023, 9, 1))
    with pytest.raises(ValidationError, match="结案日期不能早于受理"):
        services.legal_case_close(actor=staff, case=case, outcome=CaseOutcome.UPHELD, closed_on=D(2023, 7, 1))
    services.legal_case_close(actor=staff, case=case, outcome=CaseOutcome.REVOKED, closed_on=D(2023, 10, 26))
    with pytest.raises(ValidationError, match="该案件已结案"):
        services.legal_case_close(actor=staff, case=case, outcome=CaseOutcome.UPHELD, closed_on=D(2023, 10, 27))
    case.refresh_from_db()
    assert case.outcome == CaseOutcome.REVOKED and case.is_lost


def test_court_appearance_only_for_litigation(world, staff):
    reconsideration = _case(staff, world.township, CaseKind.RECONSIDERATION, "城府复〔2023〕17号")
    with pytest.raises(ValidationError, match="出庭应诉只登记于行政诉讼案件"):
        services.court_appearance_add(
            actor=staff,
            case=reconsideration,
            hearing_on=D(2023, 8, 1),
            leader_name="王乡长",
            leader_post="乡长",
            is_principal=True,
        )
    litigation = _case(staff, world.township)
    with pytest.raises(ValidationError, match="开庭日期不能早于立案日期"):
        services.court_appearance_add(
            actor=staff,
            case=litigation,
            hearing_on=D(2023, 7, 1),
            leader_name="王乡长",
            leader_post="乡长",
            is_principal=True,
        )
    assert not CourtAppearance.objects.exists()


def test_figures_count_cases_losses_and_appearances(world, staff):
    lost = _case(staff, world.township)
    services.court_appearance_add(
        actor=staff, case=lost, hearing_on=D(2023, 9, 14), leader_name="王乡长", leader_post="乡长", is_principal=True
    )
    services.court_appearance_add(
        actor=staff,
        case=lost,
        hearing_on=D(2023, 10, 9),
        leader_name="李副乡长",
        leader_post="副乡长",
        is_principal=False,
    )
    services.legal_case_close(actor=staff, case=lost, outcome=CaseOutcome.CONFIRMED_ILLEGAL, closed_on=D(2023, 11, 1))
    won = _case(staff, world.village, CaseKind.RECONSIDERATION, "城府复〔2023〕17号")
    services.legal_case_close(actor=staff, case=won, outcome=CaseOutcome.DISMISSED, closed_on=D(2023, 9, 1))
    _case(None, world.foreign_grid.parent, number="外县")
    year = Period.year(2023)
    metrics = refresh()

    def value(key):
        return metrics[key].value(area=world.township, period=year)

    assert (value("counsel.litigations"), value("counsel.reconsiderations")) == (1, 1)
    assert list(metrics["counsel.legal_case_losses"].evidence(area=world.township, period=year)) == [lost]
    assert (value("counsel.court_appearances"), value("counsel.principal_court_appearances")) == (2, 1)


def test_other_area_case_is_404_and_absent_from_api(world, client):
    foreign = _case(None, world.foreign_grid.parent)
    client.force_login(world.user(Role.LEGAL_STAFF))
    assert client.get(reverse("counsel:legal_case_detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("api:counsel-legal-case-list")).json()["count"] == 0


def test_appearance_through_the_page(world, client, staff):
    case = _case(staff, world.township)
    client.force_login(staff)
    url = reverse("counsel:legal_case_detail", args=[case.pk])
    data = {
        "action": "appearance",
        "appearance-hearing_on": "2023-09-14",
        "appearance-leader_name": "王乡长",
        "appearance-leader_post": "乡长",
        "appearance-is_principal": "on",
        "version": case.version,
    }
    assert client.post(url, data).status_code == 302
    assert "王乡长" in client.get(url).content.decode()
    bad = client.post(url, {**data, "appearance-hearing_on": "2023-07-01"})
    assert "开庭日期不能早于立案日期。" in bad.content.decode()
    assert CourtAppearance.objects.count() == 1


def test_demo_cases(db):
    context: dict = {}
    areas_demo.load(context)
    demo.load(context)
    demo.load(context)
    township, year = context["township"], Period.year(2023)
    assert LegalCase.objects.count() == 2
    metrics = refresh()
    assert metrics["counsel.legal_case_losses"].value(area=township, period=year) == 1
    assert metrics["counsel.principal_court_appearances"].value(area=township, period=year) == 1


def test_appearance_dates_stay_within_the_case_and_closing_cannot_precede_a_hearing(world, staff):
    case = _case(staff, world.township)
    services.court_appearance_add(
        actor=staff, case=case, hearing_on=D(2023, 9, 14), leader_name="王乡长", leader_post="乡长", is_principal=True
    )
    with pytest.raises(ValidationError, match="结案日期不能早于已登记的开庭日期"):
        services.legal_case_close(actor=staff, case=case, outcome=CaseOutcome.UPHELD, closed_on=D(2023, 9, 1))
    services.legal_case_close(actor=staff, case=case, outcome=CaseOutcome.UPHELD, closed_on=D(2023, 10, 26))
    with pytest.raises(ValidationError, match="开庭日期不能晚于结案日期"):
        services.court_appearance_add(
            actor=staff,
            case=case,
            hearing_on=D(2023, 11, 1),
            leader_name="李某",
            leader_post="副乡长",
            is_principal=False,
        )
    assert CourtAppearance.objects.count() == 1


def test_a_reconsideration_takes_no_appearance_through_the_page_either(world, client, staff):
    case = _case(staff, world.township, CaseKind.RECONSIDERATION, "城府复〔2023〕17号")
    client.force_login(staff)
    url = reverse("counsel:legal_case_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'value="appearance"' not in page
    data = {
        "action": "appearance",
        "appearance-hearing_on": "2023-09-14",
        "appearance-leader_name": "王乡长",
        "appearance-leader_post": "乡长",
        "version": case.version,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "出庭应诉只登记于行政诉讼案件" in response.content.decode()
    assert not CourtAppearance.objects.exists()


def test_legal_case_list_query_count_is_flat(world, client, staff, django_assert_max_num_queries):
    for n in range(5):
        case = _case(staff, world.township, number=f"（2023）渝0229行初{n}号")
        services.court_appearance_add(
            actor=staff,
            case=case,
            hearing_on=D(2023, 9, 1),
            leader_name="王乡长",
            leader_post="乡长",
            is_principal=True,
        )
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("counsel:legal_case_list") + "?year=2023")
    assert "（2023）渝0229行初4号" in page.content.decode()


def test_api_appearance_filter_by_another_areas_case_looks_like_a_missing_case(world, client, staff):
    foreign = _case(None, world.foreign_grid.parent, number="外县")
    services.court_appearance_add(
        actor=None, case=foreign, hearing_on=D(2023, 9, 1), leader_name="外县长", leader_post="县长", is_principal=True
    )
    client.force_login(staff)
    url = reverse("api:counsel-court-appearance-list")
    assert client.get(url).json()["count"] == 0
    foreign_answer, missing_answer = client.get(url, {"case": foreign.pk}), client.get(url, {"case": foreign.pk + 99})
    assert foreign_answer.status_code == missing_answer.status_code == 400
    assert foreign_answer.json() == missing_answer.json()
