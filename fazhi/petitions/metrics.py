"""Figures for the annual report (seed report 一(四) 三: "1名信访重点人员息访息诉")."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import register
from fazhi.petitions import selectors

SECTION = _("聚焦基层治理，助力平安建设")


def register_all() -> None:
    register(
        key="petitions.key_petitioners_settled",
        label=_("信访重点人员息访息诉"),
        unit=_("名"),
        section=SECTION,
        records=selectors.key_petitioners_settled,
    )
    register(
        key="petitions.received", label=_("收到信访事项"), unit=_("件"), section=SECTION, records=selectors.received
    )
    register(
        key="petitions.accepted", label=_("受理信访事项"), unit=_("件"), section=SECTION, records=selectors.accepted
    )
    register(
        key="petitions.closed_on_time",
        label=_("按期办结信访事项"),
        unit=_("件"),
        section=SECTION,
        records=selectors.closed_on_time,
    )
    register(key="petitions.overdue", label=_("超期信访事项"), unit=_("件"), section=SECTION, records=selectors.overdue)
