"""Figures for the annual report (seed report 一(四) 三: "1名信访重点人员息访息诉")."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Dimension, FigureSpec, Quantity, RecordType, builtin, declare
from fazhi.petitions.choices import ACCEPTED_STATUSES, OPEN_STATUSES, Channel, Kind, Stabilisation, Status

SECTION = _("聚焦基层治理，助力平安建设")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

_PETITION_DIMENSIONS = (
    Dimension("channel", _("信访形式"), "channel", choices=lambda: Channel.choices),
    Dimension("kind", _("信访类别"), "kind", choices=lambda: Kind.choices),
    Dimension("status", _("办理状态"), "status", choices=lambda: Status.choices),
    Dimension("transferred_in", _("上级转送、交办"), flag=Q(transferred_in=True)),
    Dimension("closed_on_time", _("按期办结"), flag=Q(closed_on_time=True)),
    # As the overdue figure counts: replied late, or accepted and still unanswered past the due date at the end of
    # the period (信访工作条例 第三十四条, docs/law.md PET-15: 60 days from acceptance).
    Dimension(
        "overdue",
        _("超期（逾期答复或期末仍超期未答复）"),
        flag=lambda start, end: (
            Q(closed_on_time=False) | Q(replied_on__isnull=True, status__in=ACCEPTED_STATUSES, due_date__lt=end)
        ),
        relative=True,
    ),
    Dimension(
        "open_overdue",
        _("已超期仍在办理"),
        flag=lambda: Q(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate()),
    ),
    Dimension("from_matter", _("由群众说事转入"), flag=Q(matter__isnull=False)),
)


def _petition_type(key: str, label: str, date: str) -> RecordType:
    return RecordType(
        key=key,
        label=label,
        model="petitions.Petition",
        date=date,
        distincts=(Quantity("area", _("村（社区）"), "area"),),
        dimensions=_PETITION_DIMENSIONS,
        section=SECTION,
    )


RECORD_TYPES = (
    _petition_type("petitions.petition", _("信访事项（按收到日期）"), "received_on"),
    _petition_type("petitions.petition_accepted", _("信访事项（按受理日期）"), "accepted_on"),
    _petition_type("petitions.petition_replied", _("信访事项（按书面答复日期）"), "replied_on"),
    RecordType(
        key="petitions.key_petitioner",
        label=_("信访重点人员（按当前稳控状态的日期）"),
        model="petitions.KeyPetitioner",
        date="status_since",
        dimensions=(Dimension("status", _("稳控状态"), "status", choices=lambda: Stabilisation.choices),),
        section=SECTION,
    ),
    RecordType(
        key="petitions.key_petitioner_visit",
        label=_("信访重点人员走访"),
        model="petitions.KeyPetitionerVisit",
        area_path="key_petitioner__area__path",
        date="visited_on",
        distincts=(Quantity("key_petitioner", _("走访的重点人员"), "key_petitioner"),),
        section=SECTION,
    ),
)

FIGURES = (
    FigureSpec(
        key="petitions.key_petitioners_settled",
        label=_("信访重点人员息访息诉"),
        unit=_("名"),
        record_type="petitions.key_petitioner",
        filters=({"dim": "status", "values": [Stabilisation.SETTLED.value]},),
    ),
    FigureSpec(key="petitions.received", label=_("收到信访事项"), unit=_("件"), record_type="petitions.petition"),
    FigureSpec(
        key="petitions.accepted", label=_("受理信访事项"), unit=_("件"), record_type="petitions.petition_accepted"
    ),
    FigureSpec(
        key="petitions.closed_on_time",
        label=_("按期办结信访事项"),
        unit=_("件"),
        record_type="petitions.petition_replied",
        filters=({"dim": "closed_on_time", "values": ["1"]},),
    ),
    FigureSpec(
        key="petitions.overdue",
        label=_("超期信访事项"),
        unit=_("件"),
        record_type="petitions.petition_accepted",
        filters=({"dim": "overdue", "values": ["1"]},),
    ),
)


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "petitions.received": _("收到信访事项{值}件"),
    "petitions.closed_on_time": _("按期办结信访事项{值}件"),
    "petitions.key_petitioners_settled": _("{值}名信访重点人员息访息诉"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*FIGURES, phrases=PHRASES)
