"""Figures: boards, postings (in all and by category) and the postings put up on time.

The on-time rate is `disclosure.postings_on_time` over `disclosure.postings`; both are record lists, so the rate's
evidence is exactly the postings counted. On time = posted by the due date of 重庆市实施《村民委员会组织法》办法
第三十条 (docs/law.md CQ-V-05), stored on each posting as `due_on`.
"""

from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Dimension, FigureSpec, PeriodKind, RecordType, builtin, declare
from fazhi.disclosure.models import BoardCategory, Frequency

SECTION = _("完善制度体系，提升依法行政水平")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

RECORD_TYPES = (
    # A board has no date it was taken down, so it stands from its setting up on.
    RecordType(
        key="disclosure.board",
        label=_("公开栏"),
        model="disclosure.Board",
        start="established_on",
        dimensions=(
            Dimension("category", _("公开类别"), "category", choices=lambda: BoardCategory.choices),
            Dimension("frequency", _("公开频次"), "frequency", choices=lambda: Frequency.choices),
        ),
        section=SECTION,
    ),
    RecordType(
        key="disclosure.posting",
        label=_("公开事项（按张贴日期）"),
        model="disclosure.Posting",
        area_path="board__area__path",
        date="posted_on",
        dimensions=(
            Dimension("category", _("公开类别"), "board__category", choices=lambda: BoardCategory.choices),
            Dimension("on_time", _("按时公开"), flag=Q(posted_on__lte=F("due_on"))),
            Dimension("published_online", _("已网上发布"), flag=Q(published_on__isnull=False)),
        ),
        section=SECTION,
    ),
)


def _figures() -> list[FigureSpec]:
    return [
        FigureSpec(
            key="disclosure.boards",
            label=_("公开栏"),
            unit=_("个"),
            record_type="disclosure.board",
            period=PeriodKind.STANDING,
        ),
        FigureSpec(key="disclosure.postings", label=_("公开事项"), unit=_("期"), record_type="disclosure.posting"),
        FigureSpec(
            key="disclosure.postings_on_time",
            label=_("按时公开事项"),
            unit=_("期"),
            record_type="disclosure.posting",
            filters=({"dim": "on_time", "values": ["1"]},),
        ),
        *(
            FigureSpec(
                key=f"disclosure.postings.{category.value}",
                label=format_lazy("{}{}", category.label, _("公开事项")),
                unit=_("期"),
                record_type="disclosure.posting",
                filters=({"dim": "category", "values": [category.value]},),
            )
            for category in BoardCategory
        ),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "disclosure.boards": _("设立公开栏{值}个"),
    "disclosure.postings": _("公开党务、村务、财务、服务事项{值}期"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)
