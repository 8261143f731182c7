"""Figures the enforcement app contributes: certified officers (and all officers, for the certificate rate),
training hours, cases by type, publications, inspections, problems found and rectified, joint actions."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Aggregation, Dimension, FigureSpec, PeriodKind, Quantity, RecordType, builtin, declare
from fazhi.enforcement.choices import CaseStatus, CaseType, InspectionKind, PublicationKind

SECTION = _("完善制度体系，提升依法行政水平")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

RECORD_TYPES = (
    # The register keeps no appointment or leaving date, so it counts as it stands today whatever the year.
    RecordType(
        key="enforcement.officer",
        label=_("行政执法人员（当前名册）"),
        model="enforcement.Officer",
        distincts=(
            Quantity("field", _("执法领域"), "certificate_field"),
            Quantity("issuer", _("发证机关"), "certificate_issuer"),
        ),
        dimensions=(
            # 身兼数职: the officer's other posts (兼任其他岗位), one a line; a blank field is none.
            Dimension("several_posts", _("身兼数职（兼任其他岗位）"), flag=~Q(other_posts="")),
            # No certificate valid on the period's last day: not yet issued or already expired (LE-40).
            Dimension(
                "uncertified",
                _("期末未持有效执法证件"),
                flag=lambda start, end: ~Q(certificate_issued_on__lte=end, certificate_valid_until__gte=end),
                relative=True,
            ),
        ),
        section=SECTION,
    ),
    # The same officers by their certificate, which stands from its issue to its last valid day.
    RecordType(
        key="enforcement.certificate",
        label=_("行政执法证件（按有效期）"),
        model="enforcement.Officer",
        start="certificate_issued_on",
        end="certificate_valid_until",
        end_inclusive=True,
        distincts=(
            Quantity("field", _("执法领域"), "certificate_field"),
            Quantity("issuer", _("发证机关"), "certificate_issuer"),
        ),
        section=SECTION,
    ),
    RecordType(
        key="enforcement.training",
        label=_("执法人员业务培训"),
        model="enforcement.TrainingRecord",
        area_path="officer__area__path",
        date="on",
        sums=(Quantity("hours", _("学时"), "hours"),),
        distincts=(Quantity("officer", _("参训执法人员"), "officer"),),
        section=SECTION,
    ),
    RecordType(
        key="enforcement.case",
        label=_("行政执法案件（按立案日期）"),
        model="enforcement.EnforcementCase",
        date="opened_on",
        distincts=(Quantity("party", _("执法对象"), "party"),),
        dimensions=(
            Dimension("case_type", _("执法类别"), "case_type", choices=lambda: CaseType.choices),
            Dimension("status", _("办理状态"), "status", choices=lambda: CaseStatus.choices),
            Dimension("major", _("重大执法决定"), flag=Q(is_major=True)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="enforcement.publication",
        label=_("行政执法信息公示"),
        model="enforcement.Publication",
        area_path="case__area__path",
        date="published_on",
        distincts=(Quantity("case", _("案件"), "case"),),
        dimensions=(
            Dimension("kind", _("公示类别"), "kind", choices=lambda: PublicationKind.choices),
            Dimension("on_time", _("在公示期限内公示"), flag=Q(published_on__lte=F("due_on"))),
            Dimension("withdrawn", _("已撤下"), flag=Q(withdrawn_on__isnull=False)),
        ),
        section=SECTION,
    ),
    RecordType(
        key="enforcement.inspection",
        label=_("执法检查、案卷评查"),
        model="enforcement.Inspection",
        date="held_on",
        sums=(Quantity("files_inspected", _("评查案卷数"), "files_inspected"),),
        dimensions=(Dimension("kind", _("检查类别"), "kind", choices=lambda: InspectionKind.choices),),
        section=SECTION,
    ),
    RecordType(
        key="enforcement.problem",
        label=_("检查发现问题（按检查日期）"),
        model="enforcement.Problem",
        area_path="inspection__area__path",
        date="inspection__held_on",
        distincts=(Quantity("inspection", _("检查"), "inspection"),),
        dimensions=(
            Dimension("rectified", _("已整改到位"), flag=Q(rectified_on__isnull=False)),
            Dimension(
                "overdue",
                _("逾期未整改"),
                flag=lambda: Q(rectified_on__isnull=True, due_on__lt=timezone.localdate()),
            ),
            Dimension("kind", _("检查类别"), "inspection__kind", choices=lambda: InspectionKind.choices),
        ),
        section=SECTION,
    ),
    RecordType(
        key="enforcement.joint_action",
        label=_("联合执法行动"),
        model="enforcement.JointAction",
        date="held_on",
        section=SECTION,
    ),
)


def _figures() -> list[FigureSpec]:
    def spec(key, label, unit, record_type, *filters, **kwargs) -> FigureSpec:
        return FigureSpec(key=key, label=label, unit=unit, record_type=record_type, filters=filters, **kwargs)

    return [
        spec("enforcement.officers", _("行政执法人员"), _("名"), "enforcement.officer", period=PeriodKind.CURRENT),
        # 持证率 = enforcement.certified_officers / enforcement.officers, each figure from its own records.
        spec(
            "enforcement.certified_officers",
            _("持有效执法证件人员"),
            _("名"),
            "enforcement.certificate",
            period=PeriodKind.STANDING,
        ),
        # Today's register (it keeps no appointment dates), each officer's certificate as at the period's end.
        spec(
            "enforcement.officers_without_certificate",
            _("未持有效执法证件的执法人员"),
            _("名"),
            "enforcement.officer",
            {"dim": "uncertified", "values": ["1"]},
            period=PeriodKind.CURRENT,
        ),
        spec(
            "enforcement.officers_multi_post",
            _("身兼数职的执法人员"),
            _("名"),
            "enforcement.officer",
            {"dim": "several_posts", "values": ["1"]},
            period=PeriodKind.CURRENT,
        ),
        spec(
            "enforcement.training_hours",
            _("执法人员业务培训"),
            _("学时"),
            "enforcement.training",
            aggregation=Aggregation.SUM,
            field="hours",
        ),
        spec("enforcement.cases", _("办理行政执法案件"), _("件"), "enforcement.case"),
        *(
            spec(
                f"enforcement.cases.{t.value}",
                t.label,
                _("件"),
                "enforcement.case",
                {"dim": "case_type", "values": [t.value]},
            )
            for t in CaseType
        ),
        spec("enforcement.publications", _("行政执法信息公示"), _("条"), "enforcement.publication"),
        spec("enforcement.inspections", _("执法检查、案卷评查"), _("次"), "enforcement.inspection"),
        spec("enforcement.problems", _("检查发现问题"), _("个"), "enforcement.problem"),
        spec(
            "enforcement.problems_rectified",
            _("问题整改到位"),
            _("个"),
            "enforcement.problem",
            {"dim": "rectified", "values": ["1"]},
        ),
        spec("enforcement.joint_actions", _("联合执法行动"), _("次"), "enforcement.joint_action"),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "enforcement.certified_officers": _("{值}名执法人员持有效执法证件"),
    "enforcement.cases": _("办理行政执法案件{值}件"),
    "enforcement.inspections": _("开展执法检查、案卷评查{值}次"),
    "enforcement.joint_actions": _("开展联合执法行动{值}次"),
    "enforcement.publications": _("公示行政执法信息{值}条"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)
