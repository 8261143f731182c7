import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.areas.scoping import get_visible_or_404
from fazhi.petitions.choices import OPEN_STATUSES
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
