from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.areas.models import Area, subtree_q
from fazhi.core.metrics import Period
from fazhi.counsel.models import Adviser, Consultation, DutyDay, Opinion


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
