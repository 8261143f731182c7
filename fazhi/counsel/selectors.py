from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.areas.models import Area, ancestor_paths, subtree_q
from fazhi.core.metrics import Period
from fazhi.counsel.choices import LOSING_OUTCOMES, PASSING_CONCLUSIONS
from fazhi.counsel.models import Adviser, Consultation, ContractReview, CourtAppearance, DutyDay, LegalCase, Opinion


def adviser_list(*, user, year: int | None = None) -> QuerySet:
    duty = Q(duty_days__on__year=year) if year else Q()
    opinions = Q(opinions__issued_on__year=year) if year else Q()
    return (
        Adviser.objects.visible_to(user)
        .select_related("area")
        .annotate(
            n_duty=Count("duty_days", filter=duty, distinct=True),
            n_opinions=Count("opinions", filter=opinions, distinct=True),
        )
        .order_by("-contract_to", "name")
    )


def adviser_get(*, user, pk: int) -> Adviser:
    adviser = Adviser.objects.visible_to(user).select_related("area").filter(pk=pk).first()
    if adviser is None:
        raise Http404
    return adviser


def consultation_list(*, user, year: int | None = None) -> QuerySet:
    qs = Consultation.objects.visible_to(user).select_related("area", "adviser")
    return qs.filter(received_on__year=year) if year else qs


def contract_list(*, user, year: int | None = None) -> QuerySet:
    qs = ContractReview.objects.visible_to(user).select_related("area", "reviewer")
    return qs.filter(submitted_on__year=year) if year else qs


def contract_get(*, user, pk: int) -> ContractReview:
    contract = contract_list(user=user).filter(pk=pk).first()
    if contract is None:
        raise Http404
    return contract


def legal_case_list(*, user, year: int | None = None) -> QuerySet:
    qs = (
        LegalCase.objects.visible_to(user)
        .select_related("area")
        .annotate(n_appearances=Count("appearances"))
        .order_by("-filed_on", "-id")
    )
    return qs.filter(filed_on__year=year) if year else qs


def legal_case_get(*, user, pk: int) -> LegalCase:
    case = LegalCase.objects.visible_to(user).select_related("area").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def court_appearance_list(*, user) -> QuerySet:
    return CourtAppearance.objects.visible_to(user).select_related("case")


def adviser_choices(*, user, area: Area) -> QuerySet:
    """Advisers the user may see who serve `area` (retained at it or above it), for a review or consultation form."""
    serving = [*ancestor_paths(area.path), area.path]
    return Adviser.objects.visible_to(user).filter(area__path__in=serving).order_by("name")


# --- figures ---


def consultations_in(*, area: Area, period: Period) -> QuerySet:
    return Consultation.objects.filter(subtree_q(area.path), received_on__gte=period.start, received_on__lte=period.end)


def duty_days_in(*, area: Area, period: Period) -> QuerySet:
    return DutyDay.objects.filter(subtree_q(area.path, "adviser__area__path"), on__gte=period.start, on__lte=period.end)


def opinions_in(*, area: Area, period: Period) -> QuerySet:
    return Opinion.objects.filter(
        subtree_q(area.path, "adviser__area__path"), issued_on__gte=period.start, issued_on__lte=period.end
    )


def advisers_in(*, area: Area, period: Period) -> QuerySet:
    return Adviser.objects.filter(subtree_q(area.path), contract_from__lte=period.end, contract_to__gte=period.start)


def contracts_reviewed_in(*, area: Area, period: Period) -> QuerySet:
    return ContractReview.objects.filter(
        subtree_q(area.path), reviewed_on__gte=period.start, reviewed_on__lte=period.end
    )


def contracts_passed_in(*, area: Area, period: Period) -> QuerySet:
    return contracts_reviewed_in(area=area, period=period).filter(conclusion__in=PASSING_CONCLUSIONS)


def legal_cases_in(*, area: Area, period: Period, kind: str = "") -> QuerySet:
    qs = LegalCase.objects.filter(subtree_q(area.path), filed_on__gte=period.start, filed_on__lte=period.end)
    return qs.filter(kind=kind) if kind else qs


def legal_cases_lost_in(*, area: Area, period: Period) -> QuerySet:
    """Cases closed in the period against the township (撤销、变更、确认违法)."""
    return LegalCase.objects.filter(
        subtree_q(area.path), closed_on__gte=period.start, closed_on__lte=period.end, outcome__in=LOSING_OUTCOMES
    )


def court_appearances_in(*, area: Area, period: Period, principal_only: bool = False) -> QuerySet:
    qs = CourtAppearance.objects.filter(
        subtree_q(area.path, "case__area__path"), hearing_on__gte=period.start, hearing_on__lte=period.end
    )
    return qs.filter(is_principal=True) if principal_only else qs
