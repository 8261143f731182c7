"""Figures the people app contributes to reports: residents by tag (重点人员等)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.facts import Dimension, FigureSpec, PeriodKind, Quantity, RecordType, builtin, declare
from fazhi.people.choices import TAG, TAG_DEFAULTS, ResidentStatus, Sex

SECTION = _("聚焦基层治理，助力平安建设")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

# The registry keeps no dates of moving in or out, so residents and households count as they stand today.
RECORD_TYPES = (
    RecordType(
        key="people.resident",
        label=_("居民（当前登记）"),
        model="people.Resident",
        distincts=(Quantity("household", _("户"), "household"),),
        dimensions=(
            Dimension("status", _("居住状态"), "status", choices=lambda: ResidentStatus.choices),
            Dimension("sex", _("性别"), "sex", choices=lambda: Sex.choices),
            Dimension("tag", _("人员标签"), "tags__code", choices=lambda: dictionary_choices(TAG), multi=True),
        ),
        section=SECTION,
    ),
    RecordType(
        key="people.household",
        label=_("户（当前登记）"),
        model="people.Household",
        sums=(Quantity("member_count", _("家庭人口"), "member_count"),),
        section=SECTION,
    ),
)

# Moved out or deceased: still in the registry, no longer counted as residents.
_GONE = {"dim": "status", "op": "not_in", "values": [ResidentStatus.MOVED_OUT.value, ResidentStatus.DECEASED.value]}


def _figures() -> list[FigureSpec]:
    return [
        FigureSpec(
            key="people.residents",
            label=_("登记居民"),
            unit=_("人"),
            record_type="people.resident",
            filters=(_GONE,),
            period=PeriodKind.CURRENT,
        ),
        *(
            FigureSpec(
                key=f"people.residents.{code}",
                label=label,
                unit=_("人"),
                record_type="people.resident",
                filters=(_GONE, {"dim": "tag", "values": [code]}),
                period=PeriodKind.CURRENT,
            )
            for code, label in TAG_DEFAULTS
        ),
    ]


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures())
