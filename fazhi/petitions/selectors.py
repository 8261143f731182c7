import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.areas.models import Area, subtree_q
from fazhi.areas.scoping import get_visible_or_404
from fazhi.core.metrics import Period
from fazhi.petitions.choices import ACCEPTED_STATUSES, OPEN_STATUSES, Stabilisation
from fazhi.petitions.models import KeyPetitioner, Petition


def petition_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Petition.objects.visible_to(user).select_related("area")
    if filters.get("q"):
        q = filters["q"].strip()
        qs = qs.filter(Q(number__contains=q) | Q(request__contains=q) | Q(petitioners__name__contains=q)).distinct()
    for field in ("status", "kind", "channel"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("overdue"):
        qs = qs.filter(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
    return qs.prefetch_related("petitioners").order_by("-received_on", "-id")


def petition_get(*, user, pk: int) -> Petition:
    return get_visible_or_404(
        Petition.objects.select_related(
            "area",
            "duplicate_of",
            "dispute",
            "matter",
            "notice_deadline__rule",
            "objection_deadline__rule",
            "handling_deadline__rule",
            "review_deadline__rule",
            "recheck_deadline__rule",
            "extension_approved_by",
        ),
        user,
        pk=pk,
    )


def key_petitioner_list(*, user) -> QuerySet:
    return KeyPetitioner.objects.visible_to(user).select_related("area", "responsible_leader", "resident")


def key_petitioner_get(*, user, pk: int) -> KeyPetitioner:
    return get_visible_or_404(
        KeyPetitioner.objects.select_related("area", "responsible_leader", "resident"), user, pk=pk
    )


def key_petitioner_cases(*, user, key_petitioner: KeyPetitioner) -> QuerySet:
    who = Q(petitioners__name=key_petitioner.name)
    if key_petitioner.resident_id:
        who |= Q(petitioners__resident=key_petitioner.resident_id)
    return petition_list(user=user).filter(who).distinct()


def overdue_for(*, user, today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return petition_list(user=user).filter(
        status__in=OPEN_STATUSES, due_date__isnull=False, due_date__lte=today + datetime.timedelta(days=7)
    )


# --- figures ------------------------------------------------------------------------------------------------------


def _in(area: Area) -> QuerySet:
    return Petition.objects.filter(subtree_q(area.path, "area__path"))


def received(*, area: Area, period: Period) -> QuerySet:
    return _in(area).filter(received_on__gte=period.start, received_on__lte=period.end)


def accepted(*, area: Area, period: Period) -> QuerySet:
    return _in(area).filter(accepted_on__gte=period.start, accepted_on__lte=period.end)


def closed_on_time(*, area: Area, period: Period) -> QuerySet:
    return _in(area).filter(replied_on__gte=period.start, replied_on__lte=period.end, closed_on_time=True)


def overdue(*, area: Area, period: Period) -> QuerySet:
    """Accepted in the period and not closed by the due date: replied late, or still open past it at period end."""
    late_reply = Q(closed_on_time=False)
    still_open = Q(replied_on__isnull=True, status__in=ACCEPTED_STATUSES, due_date__lt=period.end)
    return accepted(area=area, period=period).filter(late_reply | still_open)


def key_petitioners_settled(*, area: Area, period: Period) -> QuerySet:
    return KeyPetitioner.objects.filter(
        subtree_q(area.path, "area__path"),
        status=Stabilisation.SETTLED,
        status_since__gte=period.start,
        status_since__lte=period.end,
    )
