"""Figures the counsel app contributes: legal advisers, their duty days and opinions, consultations, contract
reviews (pass rate = passed / reviewed, both record lists), reconsideration and litigation cases, losses and
leaders' court appearances."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.counsel import selectors
from fazhi.counsel.choices import CaseKind

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
    register(
        key="counsel.contracts_reviewed",
        label=_("合同合法性审查"),
        unit=_("件"),
        section=SECTION_ADMIN,
        records=selectors.contracts_reviewed_in,
    )
    register(
        key="counsel.contracts_passed",
        label=_("合同合法性审查通过"),
        unit=_("件"),
        section=SECTION_ADMIN,
        records=selectors.contracts_passed_in,
    )
    register(
        key="counsel.reconsiderations",
        label=_("行政复议案件"),
        unit=_("件"),
        section=SECTION_ADMIN,
        records=partial(selectors.legal_cases_in, kind=CaseKind.RECONSIDERATION),
    )
    register(
        key="counsel.litigations",
        label=_("行政诉讼案件"),
        unit=_("件"),
        section=SECTION_ADMIN,
        records=partial(selectors.legal_cases_in, kind=CaseKind.LITIGATION),
    )
    register(
        key="counsel.legal_case_losses",
        label=_("行政复议被纠错、行政诉讼败诉"),
        unit=_("件"),
        section=SECTION_ADMIN,
        records=selectors.legal_cases_lost_in,
    )
    register(
        key="counsel.court_appearances",
        label=_("行政机关负责人出庭应诉"),
        unit=_("次"),
        section=SECTION_ADMIN,
        records=selectors.court_appearances_in,
    )
    register(
        key="counsel.principal_court_appearances",
        label=_("主要负责人出庭应诉"),
        unit=_("次"),
        section=SECTION_ADMIN,
        records=partial(selectors.court_appearances_in, principal_only=True),
    )
