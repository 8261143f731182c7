"""Figures the counsel app contributes: legal advisers, their duty days and opinions, consultations."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.counsel import selectors

SECTION = _("注重全民守法，强化普法宣传")
SECTION_ADMIN = _("完善制度体系，提升依法行政水平")


def referred(*, area, period: Period):
    return selectors.consultations_in(area=area, period=period).filter(referred_to_mediation=True)


def register_all() -> None:
    register(
        key="counsel.consultations",
        label=_("接待法律咨询"),
        unit=_("次"),
        section=SECTION,
        records=selectors.consultations_in,
    )
    register(
        key="counsel.consultation_people",
        label=_("接待法律咨询"),
        unit=_("人次"),
        section=SECTION,
        records=selectors.consultations_in,
        sum_field="headcount",
    )
    register(
        key="counsel.referred_to_mediation",
        label=_("法律咨询转人民调解"),
        unit=_("件"),
        section=SECTION,
        records=referred,
    )
    register(
        key="counsel.advisers",
        label=_("聘请法律顾问"),
        unit=_("名"),
        section=SECTION_ADMIN,
        records=selectors.advisers_in,
    )
    register(
        key="counsel.duty_days",
        label=_("法律顾问坐班"),
        unit=_("天"),
        section=SECTION_ADMIN,
        records=selectors.duty_days_in,
    )
    register(
        key="counsel.opinions",
        label=_("法律顾问出具法律意见、审查意见"),
        unit=_("份"),
        section=SECTION_ADMIN,
        records=selectors.opinions_in,
    )
