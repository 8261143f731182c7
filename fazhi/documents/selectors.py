import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from fazhi.areas.models import Area, subtree_q
from fazhi.areas.scoping import get_visible_or_404
from fazhi.documents.choices import IN_FORCE, FlagStatus
from fazhi.documents.models import CleanupCampaign, NormativeDocument


def document_list(*, user, status: str = "", year: int | None = None, q: str = "") -> QuerySet:
    qs = NormativeDocument.objects.visible_to(user).select_related("area")
    if status:
        qs = qs.filter(status=status)
    if year:
        # a document belongs to the year it was published in, or (not yet published) the year it was drafted
        qs = qs.filter(Q(issued_year=year) | Q(issued_year__isnull=True, created_at__year=year))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(registration_no__icontains=q) | Q(drafting_unit__icontains=q))
    pending = Count("flags", filter=Q(flags__status=FlagStatus.PENDING))
    return qs.annotate(n_pending_flags=pending).order_by("-id")


def document_get(*, user, pk: int) -> NormativeDocument:
    return get_visible_or_404(NormativeDocument.objects.select_related("area"), user, pk=pk)


def in_force_q(on: datetime.date) -> Q:
    """Published, not repealed, and not past its validity (有效期届满自动失效, docs/law.md ND-17)."""
    return Q(status__in=IN_FORCE) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def published_document_list(*, area: Area) -> QuerySet:
    """In-force documents for the public site (国办发〔2018〕37号 统一公布, docs/law.md ND-14)."""
    return (
        NormativeDocument.objects.filter(subtree_q(area.path), in_force_q(timezone.localdate()))
        .select_related("area")
        .order_by("-issued_on", "-id")
    )


def campaign_list(*, user) -> QuerySet:
    return (
        CleanupCampaign.objects.visible_to(user)
        .select_related("area")
        .annotate(n_items=Count("items"), n_open=Count("items", filter=Q(items__decision="")))
        .order_by("-started_on", "-id")
    )


def campaign_get(*, user, pk: int) -> CleanupCampaign:
    return get_visible_or_404(CleanupCampaign.objects.select_related("area"), user, pk=pk)


def expiring(*, user, today: datetime.date, within_days: int) -> QuerySet:
    """In-force documents whose validity ends within `within_days` (docs/law.md ND-17: reassess before expiry)."""
    return NormativeDocument.objects.visible_to(user).filter(
        status__in=IN_FORCE, valid_until__lte=today + datetime.timedelta(days=within_days)
    )
