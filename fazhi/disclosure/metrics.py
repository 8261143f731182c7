"""Figures: boards, postings (in all and by category) and the postings put up on time.

The on-time rate is `disclosure.postings_on_time` over `disclosure.postings`; both are record lists, so the rate's
evidence is exactly the postings counted. On time = posted by the due date of 重庆市实施《村民委员会组织法》办法
第三十条 (docs/law.md CQ-V-05), stored on each posting as `due_on`.
"""

from functools import partial

from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import subtree_q
from fazhi.core.metrics import Period, register
from fazhi.disclosure.models import Board, BoardCategory, Posting

SECTION = _("完善制度体系，提升依法行政水平")


def boards(*, area, period: Period):
    return Board.objects.filter(subtree_q(area.path), established_on__lte=period.end)


def postings(*, area, period: Period, category: str = ""):
    qs = Posting.objects.filter(
        subtree_q(area.path, "board__area__path"), posted_on__gte=period.start, posted_on__lte=period.end
    )
    return qs.filter(board__category=category) if category else qs


def postings_on_time(*, area, period: Period):
    return postings(area=area, period=period).filter(posted_on__lte=F("due_on"))


def register_all() -> None:
    register(key="disclosure.boards", label=_("公开栏"), unit=_("个"), section=SECTION, records=boards)
    register(key="disclosure.postings", label=_("公开事项"), unit=_("期"), section=SECTION, records=postings)
    register(
        key="disclosure.postings_on_time",
        label=_("按时公开事项"),
        unit=_("期"),
        section=SECTION,
        records=postings_on_time,
    )
    for category in BoardCategory:
        register(
            key=f"disclosure.postings.{category.value}",
            label=format_lazy("{}{}", category.label, _("公开事项")),
            unit=_("期"),
            section=SECTION,
            records=partial(postings, category=category.value),
        )
