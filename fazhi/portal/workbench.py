from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE
from fazhi.core.registry import ARRIVED, WorkItem
from fazhi.portal.choices import RequestStatus
from fazhi.portal.models import PublicRequest


def unanswered_requests(user) -> list[WorkItem]:
    """Residents' requests in the user's change scope that nobody has answered yet."""
    qs = PublicRequest.objects.visible_to(user, CHANGE).filter(
        status__in=[RequestStatus.RECEIVED, RequestStatus.HANDED_OVER], replies__isnull=True
    )
    return [
        WorkItem(
            module="grid",  # requests are handled under the grid module's rights (PublicRequest.scope_module)
            section=ARRIVED,
            title=_("%(code)s 待答复") % {"code": r.code},
            url=reverse("portal:request_detail", kwargs={"pk": r.pk}),
            kind=_("网上群众诉求"),
        )
        for r in qs.select_related("area")[:20]
    ]
