"""Demo data for 治平乡 2023: certified officers (one with several posts, one certified in 2023 whose certificate
expires within 60 days of today), training hours, cases with legal review and publications (one decided across the
National Day holiday), a case-file evaluation with problems, a 专项督查 and a 日常检查, a joint action, and one decision
awaiting publication now so the workbench has an item. Names are illustrative; idempotent."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseType, InspectionKind, RecordKind, RecordStep, ReviewConclusion
from fazhi.enforcement.models import EnforcementCase, Inspection, JointAction, Officer

D = datetime.date
ISSUER = "重庆市人民政府"
FIELD = "乡镇综合行政执法"


HOURS = [16, 24, 24]  # training hours in March, June and September


def _officers(township, today: datetime.date) -> dict[str, Officer]:
    # (name, number, issued, valid until, other posts, training hours): 陈执法 is certified in 2023, the year's 新增.
    rows = [
        ("刘执法", "50022921501", D(2019, 3, 20), D(2028, 12, 31), "乡应急管理办公室副主任\n安全生产监管员", HOURS),
        ("陈执法", "50022921502", D(2023, 7, 3), today + datetime.timedelta(days=30), "", [16, 24]),
        ("赵执法", "50022921503", D(2021, 6, 8), D(2028, 6, 30), "", HOURS),
    ]
    officers = {}
    for name, number, issued, valid_until, posts, hours in rows:
        officer = Officer.objects.filter(certificate_no=number).first()
        fresh = officer is None or not officer.trainings.exists()
        officer = services.officer_save(
            actor=None,
            officer=officer,
            area=township,
            name=name,
            certificate_no=number,
            certificate_issued_on=issued,
            certificate_valid_until=valid_until,
            certificate_issuer=ISSUER,
            certificate_field=FIELD,
            other_posts=posts,
        )
        if fresh:
            for year in (2023, today.year):
                for month, h in zip((3, 6, 9), hours, strict=False):
                    day = D(year, month, 15)
                    if day <= today:
                        services.training_record_add(
                            actor=None, officer=officer, on=day, hours=Decimal(h), topic="行政执法业务与法律法规培训"
                        )
        officers[name] = officer
    return officers


def _case(
    township,
    officers,
    *,
    title,
    case_type,
    opened_on,
    major=False,
    review_on=None,
    decided_on=None,
    conclusion="",
    published_on=None,
):
    case = services.case_create(
        actor=None,
        area=township,
        title=title,
        case_type=case_type,
        opened_on=opened_on,
        is_major=major,
        party="某经营户",
    )
    services.case_officers_assign(actor=None, case=case, officers=officers, on=opened_on)
    services.case_record_add(
        actor=None,
        case=case,
        step=RecordStep.START,
        kind=RecordKind.DOCUMENT,
        upload=ContentFile(b"%PDF-1.4\n% demo\n", name="立案审批表.pdf"),
    )
    if review_on:
        services.legal_review_record(
            actor=None,
            case=case,
            reviewer="李司法",
            reviewed_on=review_on,
            conclusion=ReviewConclusion.APPROVED,
            opinion="主体合法，执法人员具备资格，程序正当，事实清楚，证据充分，适用依据正确，同意。",
        )
    if decided_on:
        case = services.case_decide(actor=None, case=case, on=decided_on, conclusion=conclusion)
        if published_on:
            services.publication_publish(actor=None, publication=case.publications.get(), on=published_on)
    return case


def load(context: dict) -> None:
    township = context["township"]
    today = timezone.localdate()
    officers = _officers(township, today)
    pair = [officers["刘执法"], officers["赵执法"]]
    if not EnforcementCase.objects.filter(area=township).exists():
        _case(
            township,
            pair,
            title="集镇主街违规占道经营",
            case_type=CaseType.PENALTY,
            opened_on=D(2023, 4, 10),
            decided_on=D(2023, 4, 20),
            conclusion="责令改正，给予警告。",
            published_on=D(2023, 4, 25),
        )
        _case(
            township,
            pair,
            title="临河村违法建设强制拆除",
            case_type=CaseType.COMPULSORY,
            opened_on=D(2023, 5, 22),
            major=True,
            review_on=D(2023, 6, 12),
            decided_on=D(2023, 6, 15),
            conclusion="依法强制拆除违法建设约80平方米。",
            published_on=D(2023, 7, 5),
        )
        # Decided the day before the National Day holiday: 7 working days run to 2023-10-12.
        _case(
            township,
            pair,
            title="农村村民住宅建设许可",
            case_type=CaseType.LICENSING,
            opened_on=D(2023, 9, 11),
            decided_on=D(2023, 9, 27),
            conclusion="准予许可。",
            published_on=D(2023, 10, 10),
        )
        _case(
            township,
            pair,
            title="燕麦村河道非法采砂检查",
            case_type=CaseType.INSPECTION,
            opened_on=D(2023, 8, 2),
        )
        recent = today - datetime.timedelta(days=20)
        _case(
            township,
            pair,
            title="集镇门店超范围经营",
            case_type=CaseType.PENALTY,
            opened_on=recent,
            decided_on=recent + datetime.timedelta(days=5),
            conclusion="责令改正，罚款500元。",
        )
    if not Inspection.objects.filter(area=township).exists():
        inspection = services.inspection_create(
            actor=None,
            area=township,
            kind=InspectionKind.FILE_REVIEW,
            held_on=D(2023, 11, 15),
            scope="2023年行政处罚、行政强制案卷",
            inspector="城口县司法局",
            files_inspected=3,
            summary="案卷总体规范，发现问题2个。",
        )
        first = services.problem_add(
            actor=None, inspection=inspection, description="现场检查笔录缺少当事人签名", due_on=D(2023, 12, 15)
        )
        services.problem_rectify(
            actor=None, problem=first, on=D(2023, 12, 8), rectification="补充签名，完善笔录制作规范。"
        )
        services.problem_add(actor=None, inspection=inspection, description="证据目录编排不规范", due_on=D(2024, 1, 15))
    if not Inspection.objects.filter(area=township, kind=InspectionKind.SPECIAL).exists():
        services.inspection_create(
            actor=None,
            area=township,
            kind=InspectionKind.SPECIAL,
            held_on=D(2023, 6, 20),
            scope="安全生产领域行政执法专项督查",
            inspector="城口县司法局、城口县应急管理局",
            summary="执法人员持证上岗、亮证执法落实到位，未发现问题。",
        )
        services.inspection_create(
            actor=None,
            area=township,
            kind=InspectionKind.ROUTINE,
            held_on=D(2023, 3, 14),
            scope="集镇门店经营秩序日常检查",
            inspector="治平乡综合行政执法办公室",
            summary="检查门店26家，现场督促整改2家。",
        )
    if not JointAction.objects.filter(area=township).exists():
        services.joint_action_create(
            actor=None,
            area=township,
            held_on=D(2023, 8, 18),
            departments="治平乡综合行政执法办公室、城口县市场监督管理局、城口县交通运输局",
            subject="集镇道路交通秩序与占道经营联合整治",
            result="劝导整改占道经营12处，查处违规运输车辆2辆。",
        )
