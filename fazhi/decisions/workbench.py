"""Workbench: public comments waiting for moderation, in the user's scope."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.registry import WorkItem
from fazhi.decisions.models import CommentStatus, Decision


def items(user) -> list[WorkItem]:
    if not user.has_perm("decisions.change"):
        return []
    pending = Q(comments__status=CommentStatus.PENDING)
    rows = (
        Decision.objects.visible_to(user)
        .annotate(n=Count("comments", filter=pending), first=Min("comments__submitted_at", filter=pending))
        .filter(n__gt=0)
        .order_by("first")[:20]
    )
    return [
        WorkItem(
            module="decisions",
            title=_("%(n)d条公众意见待审核：%(t)s") % {"n": d.n, "t": d.title},
            url=reverse("decisions:decision_detail", args=[d.pk]),
            kind=_("重大行政决策公众意见"),
        )
        for d in rows
    ]
