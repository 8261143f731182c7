"""Figures the enforcement app contributes: certified officers (and all officers, for the certificate rate),
training hours, cases by type, publications, inspections, problems found and rectified, joint actions."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import CaseType

SECTION = _("完善制度体系，提升依法行政水平")


def _cases_of(case_type: str):
    def records(*, area, period: Period):
        return selectors.cases_in(area=area, period=period).filter(case_type=case_type)

    return records


def rectified(*, area, period: Period):
    return selectors.problems_in(area=area, period=period).filter(rectified_on__isnull=False)


def register_all() -> None:
    register(
        key="enforcement.officers",
        label=_("行政执法人员"),
        unit=_("名"),
        section=SECTION,
        records=selectors.officers_in,
    )
    # 持证率 = enforcement.certified_officers / enforcement.officers, each figure from its own records.
    register(
        key="enforcement.certified_officers",
        label=_("持有效执法证件人员"),
        unit=_("名"),
        section=SECTION,
        records=selectors.certified_officers_in,
    )
    register(
        key="enforcement.training_hours",
        label=_("执法人员业务培训"),
        unit=_("学时"),
        section=SECTION,
        records=selectors.training_in,
        sum_field="hours",
    )
    register(
        key="enforcement.cases", label=_("办理行政执法案件"), unit=_("件"), section=SECTION, records=selectors.cases_in
    )
    for case_type in CaseType:
        register(
            key=f"enforcement.cases.{case_type.value}",
            label=case_type.label,
            unit=_("件"),
            section=SECTION,
            records=_cases_of(case_type.value),
        )
    register(
        key="enforcement.publications",
        label=_("行政执法信息公示"),
        unit=_("条"),
        section=SECTION,
        records=selectors.publications_in,
    )
    register(
        key="enforcement.inspections",
        label=_("执法检查、案卷评查"),
        unit=_("次"),
        section=SECTION,
        records=selectors.inspections_in,
    )
    register(
        key="enforcement.problems",
        label=_("检查发现问题"),
        unit=_("个"),
        section=SECTION,
        records=selectors.problems_in,
    )
    register(
        key="enforcement.problems_rectified", label=_("问题整改到位"), unit=_("个"), section=SECTION, records=rectified
    )
    register(
        key="enforcement.joint_actions",
        label=_("联合执法行动"),
        unit=_("次"),
        section=SECTION,
        records=selectors.joint_actions_in,
    )
