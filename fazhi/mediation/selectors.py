"""Every read in the mediation app starts from the user's scope (`visible_to`)."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.areas.models import Area, subtree_q
from fazhi.areas.scoping import get_visible_or_404
from fazhi.core.metrics import Period
from fazhi.core.models import DayUnit
from fazhi.mediation.choices import BodyKind, DisputeStatus, Tier
from fazhi.mediation.models import Dispute, FollowUp, MediationBody, Mediator


def dispute_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Dispute.objects.visible_to(user).select_related("area", "body", "leader")
    if filters.get("q"):
        q = filters["q"].strip()
        qs = qs.filter(Q(number__contains=q) | Q(title__contains=q) | Q(parties__name__contains=q)).distinct()
    for field in ("status", "tier", "dispute_type"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("key_group"):
        qs = qs.filter(key_group=True)
    if filters.get("overdue"):
        qs = qs.filter(status=DisputeStatus.OPEN, due_date__lt=timezone.localdate())
    return qs.order_by("-received_on", "-id")


def dispute_get(*, user, pk: int) -> Dispute:
    # Not the matter: only disputes handed over from one show it, and a seventh join cost PostgreSQL more time to plan
    # than the whole fetch takes to run.
    return get_visible_or_404(Dispute.objects.select_related("area", "body", "leader", "deadline__rule"), user, pk=pk)


def body_list(*, user) -> QuerySet:
    return MediationBody.objects.visible_to(user).select_related("area").annotate(n_mediators=Count("mediators"))


def mediator_list(*, user) -> QuerySet:
    return Mediator.objects.visible_to(user).select_related("area", "body").order_by("area__path", "name")


def follow_ups_due(*, user, today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    visible = dispute_list(user=user).values("pk")
    return (
        FollowUp.objects.filter(dispute__in=visible, visited_on__isnull=True, due_on__lte=today)
        .select_related("dispute")
        .order_by("due_on")
    )


# --- the summary's counts (the report's figures are definitions: mediation/metrics.py) ---------------------------


def disputes_in(*, area: Area, period: Period) -> QuerySet:
    return Dispute.objects.filter(subtree_q(area.path, "area__path"))


def received(*, area: Area, period: Period) -> QuerySet:
    return disputes_in(area=area, period=period).filter(received_on__gte=period.start, received_on__lte=period.end)


def closed(*, area: Area, period: Period) -> QuerySet:
    return disputes_in(area=area, period=period).filter(closed_on__gte=period.start, closed_on__lte=period.end)


def resolved(*, area: Area, period: Period) -> QuerySet:
    return closed(area=area, period=period).filter(status=DisputeStatus.RESOLVED)


def resolved_in_village(*, area: Area, period: Period) -> QuerySet:
    """小事不出村: resolved on the spot (简易) or by a village committee."""
    return resolved(area=area, period=period).filter(Q(tier=Tier.SIMPLE) | Q(body__kind=BodyKind.VILLAGE_COMMITTEE))


def summary(*, area: Area, period: Period) -> dict:
    """Counts by tier, type and key-group flag; success rate; share not leaving the village / township; average days."""
    done = closed(area=area, period=period)
    ok = done.filter(status=DisputeStatus.RESOLVED)
    n_closed, n_ok = done.count(), ok.count()
    n_village = resolved_in_village(area=area, period=period).count()
    spans = [(c - r).days for r, c in ok.values_list("received_on", "closed_on")]
    avg = sum(spans) / len(spans) if spans else None
    return {
        "received": received(area=area, period=period).count(),
        "closed": n_closed,
        "resolved": n_ok,
        "success_rate": round(100 * n_ok / n_closed, 1) if n_closed else None,
        "by_tier": [
            {"tier": Tier(row["tier"]).label, "n": row["n"]}
            for row in ok.values("tier").annotate(n=Count("id")).order_by("tier")
        ],
        "by_type": list(ok.values("dispute_type").annotate(n=Count("id")).order_by("-n")),
        "key_group": ok.filter(key_group=True).count(),
        "in_village_share": round(100 * n_village / n_ok, 1) if n_ok else None,
        # Every dispute on this platform is handled inside the township; one resolved here never left it.
        "in_township_share": 100.0 if n_ok else None,
        "avg_days": round(float(avg), 1) if avg is not None else None,
    }


def dispute_public_status(*, pk: int) -> dict | None:
    """What the applicant who asked for mediation on the public site may see: the status, and when mediation ended
    without agreement the reason and the other routes open to them (人民调解法 第二十六条; docs/law.md MED-11).

    Never the facts, the parties, session notes or the agreement's terms: a tracking code is not a case file
    (人民调解法 第十五条 — no disclosure of parties' privacy; docs/law.md MED-05).
    """
    dispute = Dispute.objects.filter(pk=pk).select_related("deadline__rule").first()
    if dispute is None:
        return None
    if dispute.status == DisputeStatus.RESOLVED:
        reply = _("调解成功，已达成调解协议。请按协议约定履行；如有疑问请联系调解组织。")
    elif dispute.status in (DisputeStatus.FAILED, DisputeStatus.TERMINATED):
        routes = _("您可以依法通过仲裁、行政、司法等途径维护自己的权利。")
        reply = f"{dispute.outcome_reason}\n{routes}".strip()
    else:
        reply = ""
    return {
        "status_label": str(dispute.get_status_display()),
        "closed": dispute.status != DisputeStatus.OPEN,
        "reply": str(reply),
        # 人民调解"一般在一个月内调结" (司法部《人民调解工作若干规定》第三十三条): the tier's deadline, in its rule's
        # unit — natural days for that month (mediation/rules.py).
        "due_date": dispute.due_date,
        "due_working": bool(dispute.deadline_id and dispute.deadline.rule.unit == DayUnit.WORKING),
    }
