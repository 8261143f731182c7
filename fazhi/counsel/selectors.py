from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.areas.models import Area, ancestor_paths
from fazhi.counsel.models import Adviser, Consultation, ContractReview, CourtAppearance, LegalCase


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
