from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import subtree_q
from fazhi.core.metrics import Period, register
from fazhi.disclosure.models import Board, Posting

SECTION = _("完善制度体系，提升依法行政水平")


def boards(*, area, period: Period):
    return Board.objects.filter(subtree_q(area.path), created_at__date__lte=period.end)


def postings(*, area, period: Period):
    return Posting.objects.filter(
        subtree_q(area.path, "board__area__path"), posted_on__gte=period.start, posted_on__lte=period.end
    )


def register_all() -> None:
    register(key="disclosure.boards", label=_("公开栏"), unit=_("个"), section=SECTION, records=boards)
    register(key="disclosure.postings", label=_("公开事项"), unit=_("期"), section=SECTION, records=postings)
