"""Synthetic 行政执法 for benchmarks, like the demo: per township three certified officers (one with several posts,
one certified in the last year whose certificate runs out the year after it), their yearly training hours, and every
year the demo's five cases — a penalty, a major compulsory measure after 法制审核, a licence and a second penalty,
decided and published, and an inspection still open — each handled by two officers certified on the day (行政处罚法
第四十二条), plus a case-file evaluation with two problems, a 日常检查 and a joint action. The last year's second
penalty awaits publication.

Rows go in with bulk_create, so this module derives what `case_decide` and `publication_publish` derive: statuses
consistent with the steps, the 事后公开 due date from the rule in force (docs/law.md LE-04), publication within it,
and the timeline rows. Case records (全过程记录) are files and are left out. See fazhi/people/generate.py.
"""

import datetime
from decimal import Decimal
from functools import cache

from fazhi.enforcement.choices import CaseStatus, CaseType, InspectionKind, PublicationKind, ReviewConclusion
from fazhi.enforcement.models import (
    CaseEvent,
    EnforcementCase,
    Inspection,
    JointAction,
    LegalReview,
    Officer,
    Problem,
    Publication,
    TrainingRecord,
)
from fazhi.enforcement.services import due_date
from fazhi.people.generate import area_random, name, years

BATCH = 2000
D = datetime.date
S = CaseStatus
# The demo's officers: other posts, and training hours in March, June and September.
OFFICERS = [("乡应急管理办公室副主任\n安全生产监管员", [16, 24, 24]), ("", [16, 24]), ("", [16, 24, 24])]
# The demo's year of cases: (title, type, demo opening day, major, decided after days, conclusion)
CASES = [
    ("集镇主街违规占道经营", CaseType.PENALTY, D(2023, 4, 10), False, 10, "责令改正，给予警告。"),
    ("违法建设强制拆除", CaseType.COMPULSORY, D(2023, 5, 22), True, 24, "依法强制拆除违法建设约80平方米。"),
    ("农村村民住宅建设许可", CaseType.LICENSING, D(2023, 9, 11), False, 16, "准予许可。"),
    ("河道非法采砂检查", CaseType.INSPECTION, D(2023, 8, 2), False, None, ""),
    ("集镇门店超范围经营", CaseType.PENALTY, D(2023, 11, 20), False, 5, "责令改正，罚款500元。"),
]
REVIEW_OPINION = "主体合法，执法人员具备资格，程序正当，事实清楚，证据充分，适用依据正确，同意。"


def generate(context: dict) -> None:
    spans = years(context)
    due = cache(lambda key, start: due_date(key=key, start=start))
    officers, trainings, cases, inspections, problems, joint = [], [], [], [], [], []
    pairs: dict[int, list[Officer]] = {}
    for t_index, township in enumerate(context["townships"]):
        rng = area_random(context, township, __name__)
        team = [
            Officer(
                area=township,
                name=name(rng),
                certificate_no=f"509900{t_index + 1:03d}{i + 1:02d}",  # unique across the county
                certificate_issuer="重庆市人民政府",
                certificate_field="乡镇综合行政执法",
                certificate_issued_on=issued,
                certificate_valid_until=D(spans[-1] + 1, 6, 30) if i == 1 else D(spans[-1] + 5, 12, 31),
                other_posts=posts,
            )
            for i, ((posts, _hours), issued) in enumerate(zip(OFFICERS, _issue_days(rng, spans), strict=True))
        ]
        officers += team
        pair = [team[0], team[2]]  # certified throughout, as the demo's 刘执法 and 赵执法
        pairs[township.pk] = pair
        villages = [v for v in context["villages"] if v.parent_id == township.pk]
        for year in spans:
            trainings += [
                TrainingRecord(officer=o, on=D(year, month, 15), hours=Decimal(h), topic="行政执法业务与法律法规培训")
                for o, (_posts, hours) in zip(team, OFFICERS, strict=True)
                for month, h in zip((3, 6, 9), hours, strict=False)
            ]
            for row in CASES:
                cases.append(_case(township, villages, pair, year, row, due, rng, last=year == spans[-1]))
            inspection = Inspection(
                area=township,
                kind=InspectionKind.FILE_REVIEW,
                held_on=D(year, 11, 15),
                scope=f"{year}年行政处罚、行政强制案卷",
                inspector="县司法局",
                files_inspected=3,
                summary="案卷总体规范，发现问题2个。",
            )
            inspections.append(inspection)
            inspections.append(
                Inspection(
                    area=township,
                    kind=InspectionKind.ROUTINE,
                    held_on=D(year, 3, 10) + datetime.timedelta(days=rng.randrange(20)),
                    scope="集镇门店经营秩序日常检查",
                    inspector=f"{township.name}综合行政执法办公室",
                    summary=f"检查门店{rng.randrange(15, 40)}家，现场督促整改{rng.randrange(1, 4)}家。",
                )
            )
            problems += _problems(inspection, year, open_=year == spans[-1])
            joint.append(
                JointAction(
                    area=township,
                    held_on=D(year, 8, 18) - datetime.timedelta(days=rng.randrange(10)),
                    departments=f"{township.name}综合行政执法办公室、县市场监督管理局、县交通运输局",
                    subject="集镇道路交通秩序与占道经营联合整治",
                    result=f"劝导整改占道经营{rng.randrange(5, 20)}处，查处违规运输车辆{rng.randrange(1, 4)}辆。",
                )
            )
    Officer.objects.bulk_create(officers, batch_size=BATCH)
    TrainingRecord.objects.bulk_create(trainings, batch_size=BATCH)
    EnforcementCase.objects.bulk_create([c for c, *_rest in cases], batch_size=BATCH)
    through = EnforcementCase.officers.through
    through.objects.bulk_create(
        [through(enforcementcase_id=c.pk, officer_id=o.pk) for c, _r, _p, _e in cases for o in pairs[c.area_id]],
        batch_size=BATCH,
    )
    LegalReview.objects.bulk_create([r for _c, r, _p, _e in cases if r], batch_size=BATCH)
    Publication.objects.bulk_create([p for _c, _r, p, _e in cases if p], batch_size=BATCH)
    CaseEvent.objects.bulk_create([e for _c, _r, _p, events in cases for e in events], batch_size=BATCH)
    Inspection.objects.bulk_create(inspections, batch_size=BATCH)
    Problem.objects.bulk_create(problems, batch_size=BATCH)
    JointAction.objects.bulk_create(joint, batch_size=BATCH)


def _issue_days(rng, spans: list[int]) -> list[datetime.date]:
    """The team's certificate issue days: the pair who handle cases hold theirs from before the first year's first
    case; the third officer is certified in the last year, so the year has one 新增持证 officer."""
    return [
        D(spans[0] - 3, 5, 1) + datetime.timedelta(days=rng.randrange(120)),
        D(spans[-1], 2, 1) + datetime.timedelta(days=rng.randrange(60)),
        D(spans[0] - 1, 9, 1) + datetime.timedelta(days=rng.randrange(60)),
    ]


def _case(township, villages, pair, year: int, row, due, rng, *, last: bool) -> tuple:
    title, case_type, demo_day, major, decide_after, conclusion = row
    opened = demo_day.replace(year=year) - datetime.timedelta(days=rng.randrange(10))
    if case_type in (CaseType.COMPULSORY, CaseType.INSPECTION):
        title = f"{rng.choice(villages).name.removeprefix(township.name)}{title}"  # the demo's 临河村…, 燕麦村…
    case = EnforcementCase(
        area=township, title=title, case_type=case_type, party="某经营户", opened_on=opened, is_major=major
    )
    events = [("assign", S.OPEN, S.OPEN, opened, "、".join(o.name for o in pair))]
    review = publication = None
    if decide_after is None:
        return case, review, publication, _events(case, events)
    decided = opened + datetime.timedelta(days=decide_after)
    source = S.OPEN
    if major:  # 重大执法决定 only after an approving 法制审核 (国办发〔2018〕118号; docs/law.md LE-10)
        reviewed = decided - datetime.timedelta(days=3)
        review = LegalReview(
            case=case,
            reviewer="司法所",
            reviewed_on=reviewed,
            conclusion=ReviewConclusion.APPROVED,
            opinion=REVIEW_OPINION,
        )
        events.append(("legal_review", S.OPEN, S.LEGAL_REVIEWED, reviewed, "司法所"))
        source = S.LEGAL_REVIEWED
    events.append(("decide", source, S.DECIDED, decided, ""))
    case.status, case.decided_on, case.conclusion = S.DECIDED, decided, conclusion
    # 事后公开 (国办发〔2018〕118号; docs/law.md LE-04): decisions of 处罚/许可 within 7 working days, other results 20.
    is_decision = case_type in (CaseType.PENALTY, CaseType.LICENSING)
    key = "enforcement.publish_decision" if is_decision else "enforcement.publish_result"
    publication = Publication(
        case=case,
        kind=PublicationKind.DECISION if is_decision else PublicationKind.RESULT,
        title=f"{case.get_case_type_display()}：{title}",
        text=conclusion,
        due_on=due(key, decided),
    )
    if not (last and row is CASES[-1]):  # the demo's latest decision still awaits publication
        publication.published_on = min(publication.due_on, decided + datetime.timedelta(days=rng.randrange(1, 8)))
        events.append(("publish", S.DECIDED, S.PUBLISHED, publication.published_on, ""))
        case.status = S.PUBLISHED
    return case, review, publication, _events(case, events)


def _events(case: EnforcementCase, steps) -> list[CaseEvent]:
    return [CaseEvent(case=case, action=a, from_status=f, to_status=t, on=on, note=n) for a, f, t, on, n in steps]


def _problems(inspection: Inspection, year: int, *, open_: bool) -> list[Problem]:
    """问题→措施→期限→销号 (督察工作规定 第十八条): the demo's second problem is still open in the last year."""
    first = Problem(
        inspection=inspection,
        description="现场检查笔录缺少当事人签名",
        due_on=D(year, 12, 15),
        rectification="补充签名，完善笔录制作规范。",
        rectified_on=D(year, 12, 8),
    )
    second = Problem(inspection=inspection, description="证据目录编排不规范", due_on=D(year + 1, 1, 15))
    if not open_:
        second.rectification, second.rectified_on = "按案卷评查标准重新编排证据目录。", D(year + 1, 1, 10)
    return [first, second]
