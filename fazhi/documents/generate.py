"""Synthetic 规范性文件 for benchmarks, like the demo: per township and year three documents through legality review —
one issued and filed on time, one returned by the reviewer after upholding its pre-check flags, one consulted on,
issued and filed late — and a year-end clean-up listing every document then in force (decided 保留 in the years
before the last, open in the last, as the demo leaves it).

Rows go in with bulk_create, so this module derives what `document_transition` / `document_review` derive: the
dates each guard needs (7 working days of consultation, 5 of review, docs/law.md ND-07/ND-09), 文号, 备案期限 and
有效期 from the rules in force, the flags the pre-check raises, and the timeline rows. See fazhi/people/generate.py.
"""

import datetime
from functools import cache

from django.utils import timezone

from fazhi.core.deadlines import deadline_rule_current
from fazhi.core.workdays import add_period
from fazhi.documents import demo
from fazhi.documents.choices import AspectResult, CleanupDecision, DocumentStatus, FlagStatus, ReviewConclusion
from fazhi.documents.models import (
    CleanupCampaign,
    CleanupItem,
    DocumentEvent,
    LegalityReview,
    NormativeDocument,
    PrecheckFlag,
)
from fazhi.documents.precheck import precheck
from fazhi.documents.services import default_valid_until, flag_from
from fazhi.people.generate import area_random, years

BATCH = 2000
S = DocumentStatus
D = datetime.date
LAWFUL = AspectResult.LAWFUL
FLAG_NOTE = "乡镇规范性文件不得设定行政许可、行政处罚（国办发〔2018〕37号）。"


def generate(context: dict) -> None:
    spans = years(context)

    @cache
    def due(key: str, start: datetime.date) -> datetime.date:
        rule = deadline_rule_current(key=key, on=start)  # the version in force that day (setup_platform seeds them)
        return add_period(start, rule.days, rule.unit)

    findings = precheck(demo.FLAGGED_BODY)  # the same text every time: segment it once
    docs: list[tuple] = []  # document, its timeline, its review, its pre-check flags
    for township in context["townships"]:
        rng = area_random(context, township, __name__)
        short = township.name.removesuffix("乡")
        for year in spans:
            docs.append(_filed(township, short, year, due, rng))
            docs.append(_returned(township, year, due, rng, findings))
            docs.append(_consulted(township, short, year, due, rng))
    NormativeDocument.objects.bulk_create([d for d, _e, _r, _f in docs], batch_size=BATCH)
    for doc, events, _r, _f in docs:  # dated the day it was drafted, not the day it was generated
        doc.created_at = timezone.make_aware(datetime.datetime.combine(events[0].on, datetime.time(9)))
    NormativeDocument.objects.bulk_update([d for d, _e, _r, _f in docs], ["created_at"], batch_size=BATCH)
    DocumentEvent.objects.bulk_create([e for _d, events, _r, _f in docs for e in events], batch_size=BATCH)
    LegalityReview.objects.bulk_create([r for _d, _e, r, _f in docs], batch_size=BATCH)
    PrecheckFlag.objects.bulk_create([f for _d, _e, _r, flags in docs for f in flags], batch_size=BATCH)
    _cleanups(context["townships"], spans, [d for d, _e, _r, _f in docs])


def _document(township, title: str, body: str, unit: str, **fields) -> NormativeDocument:
    return NormativeDocument(area=township, title=title, body=body, drafting_unit=unit, **fields)


def _events(doc: NormativeDocument, steps: list[tuple[str, str, str, datetime.date]]) -> list[DocumentEvent]:
    return [DocumentEvent(document=doc, action=a, from_status=f, to_status=t, on=on) for a, f, t, on in steps]


def _review(doc, on: datetime.date, conclusion: str, opinion: str, **aspects) -> LegalityReview:
    results = {"authority_result": LAWFUL, "content_result": LAWFUL, "procedure_result": LAWFUL, **aspects}
    return LegalityReview(
        document=doc, reviewed_on=on, conclusion=conclusion, opinion=opinion, **demo.REVIEWER, **results
    )


def _issue(doc: NormativeDocument, *, submitted, due, rng, number: str) -> list[tuple]:
    """Review passed, deliberated and issued: the steps after submission, with the dates their guards need."""
    reviewed = due("documents.legality_review", submitted) + datetime.timedelta(days=rng.randrange(0, 8))
    deliberated = reviewed + datetime.timedelta(days=rng.randrange(3, 8))
    issued = deliberated + datetime.timedelta(days=rng.randrange(2, 5))
    doc.review_submitted_on, doc.review_opinion = submitted, "依据充分，程序合法，内容合法。"
    doc.deliberation_meeting, doc.deliberated_on = f"{doc.area.name}人民政府常务会议", deliberated
    doc.registration_no, doc.issued_on, doc.issued_year = number, issued, issued.year
    doc.filing_due = due("documents.filing", issued)  # 国办发〔2018〕37号, docs/law.md ND-15
    doc.valid_until = default_valid_until(title=doc.title, issued_on=issued)
    return [
        ("submit_review", S.DRAFT, S.REVIEWING, submitted),
        ("approve_review", S.REVIEWING, S.REVIEWED, reviewed),
        ("deliberate", S.REVIEWED, S.DELIBERATED, deliberated),
        ("issue", S.DELIBERATED, S.ISSUED, issued),
    ]


def _filed(township, short: str, year: int, due, rng) -> tuple:
    title = demo.FILED_TITLE.replace("治平乡", township.name)
    doc = _document(township, title, demo.FILED_BODY, f"{township.name}党政办公室", status=S.FILED)
    drafted = D(year, 3, 20) + datetime.timedelta(days=rng.randrange(20))
    submitted = drafted + datetime.timedelta(days=rng.randrange(3, 10))
    steps = _issue(doc, submitted=submitted, due=due, rng=rng, number=f"{short}府规〔{year}〕1号")
    doc.filed_on = doc.issued_on + datetime.timedelta(days=rng.randrange(2, 8))  # well within 15 days
    steps = [("create", S.DRAFT, S.DRAFT, drafted), *steps, ("file", S.ISSUED, S.FILED, doc.filed_on)]
    review = _review(doc, steps[2][3], ReviewConclusion.PASS, "依据充分，程序合法，内容合法。")
    return doc, _events(doc, steps), review, []


def _returned(township, year: int, due, rng, findings) -> tuple:
    title = demo.FLAGGED_TITLE.replace("治平乡", township.name)
    doc = _document(township, title, demo.FLAGGED_BODY, f"{township.name}综合行政执法办公室", status=S.DRAFT)
    drafted = D(year, 5, 20) + datetime.timedelta(days=rng.randrange(20))
    submitted = drafted + datetime.timedelta(days=rng.randrange(3, 10))
    decided = submitted + datetime.timedelta(days=4)
    reviewed = decided + datetime.timedelta(days=3)
    opinion = "退回起草单位修改：删除第二条审批和第三条罚款规定，改为引导和服务措施。"
    doc.review_submitted_on, doc.review_opinion = submitted, opinion
    steps = [
        ("create", S.DRAFT, S.DRAFT, drafted),
        ("submit_review", S.DRAFT, S.REVIEWING, submitted),
        ("return_review", S.REVIEWING, S.DRAFT, reviewed),
    ]
    review = _review(
        doc,
        reviewed,
        ReviewConclusion.RETURN,
        opinion,
        content_result=AspectResult.UNLAWFUL,
        content_opinion="第二条设定摆摊审批、第三条设定罚款，超越乡镇规范性文件权限，应予删除。",
    )
    flags = [flag_from(doc, f, status=FlagStatus.CONFIRMED, note=FLAG_NOTE, decided_on=decided) for f in findings]
    return doc, _events(doc, steps), review, flags


def _consulted(township, short: str, year: int, due, rng) -> tuple:
    title = demo.LATE_TITLE.replace("治平乡", township.name)
    doc = _document(
        township, title, demo.LATE_BODY, f"{township.name}农业服务中心", status=S.FILED, consultation_required=True
    )
    drafted = D(year, 8, 20) + datetime.timedelta(days=rng.randrange(10))
    start = drafted + datetime.timedelta(days=rng.randrange(3, 8))
    end = due("documents.consultation", start) + datetime.timedelta(days=rng.randrange(3))  # docs/law.md ND-07
    submitted = end + datetime.timedelta(days=3)
    doc.consultation_start, doc.consultation_end = start, end
    steps = _issue(doc, submitted=submitted, due=due, rng=rng, number=f"{short}府规〔{year}〕2号")
    doc.review_opinion = "符合《村民一事一议筹资筹劳管理办法》，同意提请审议。"
    doc.filed_on = doc.filing_due + datetime.timedelta(days=rng.randrange(1, 30))  # 因材料补正，逾期报送 (the demo's)
    steps = [
        ("create", S.DRAFT, S.DRAFT, drafted),
        ("start_consultation", S.DRAFT, S.CONSULTING, start),
        ("end_consultation", S.CONSULTING, S.DRAFT, end),
        *steps,
        ("file", S.ISSUED, S.FILED, doc.filed_on),
    ]
    review = _review(doc, steps[4][3], ReviewConclusion.PASS, doc.review_opinion)
    return doc, _events(doc, steps), review, []


def _cleanups(townships, spans: list[int], docs: list[NormativeDocument]) -> None:
    """动态清理 (纲要（九）, docs/law.md ND-16): each year's campaign lists the documents in force on its first day."""
    campaigns = [
        CleanupCampaign(
            area=t, title=f"{t.name}{year}年度规范性文件清理", started_on=D(year, 12, 1), reason="年度动态清理。"
        )
        for t in townships
        for year in spans
    ]
    CleanupCampaign.objects.bulk_create(campaigns, batch_size=BATCH)
    in_force = [d for d in docs if d.status in (S.ISSUED, S.FILED)]
    items = []
    for campaign in campaigns:
        decided = campaign.started_on.year != spans[-1]
        for doc in sorted(in_force, key=lambda d: d.issued_on):
            if doc.area_id == campaign.area_id and doc.issued_on <= campaign.started_on:
                items.append(
                    CleanupItem(
                        campaign=campaign,
                        document=doc,
                        decision=CleanupDecision.KEEP if decided else "",
                        decided_on=campaign.started_on + datetime.timedelta(days=10) if decided else None,
                    )
                )
    CleanupItem.objects.bulk_create(items, batch_size=BATCH)
