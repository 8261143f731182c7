"""Synthetic 重大行政决策 for benchmarks, like the demo: per township and year one decision through the whole procedure
of the 重大行政决策程序暂行条例 — catalogued, 30 days of public comment (three comments, one adopted), two experts,
a risk assessment, legality review, a collective discussion where the principal speaks last, announcement,
implementation and a post-decision evaluation — and, in the last year, one more still open for comment.

Rows go in with bulk_create, so this module derives what `decision_transition` and the step services check: each
date after the one before and at least the statutory period on (第十五条 30 natural days of comment, 第二十七条 7
working days of review, docs/law.md MD-07/MD-12), and the timeline rows. See fazhi/people/generate.py.
"""

import datetime
from functools import cache

from django.utils import timezone

from fazhi.core.deadlines import deadline_rule_current
from fazhi.core.workdays import add_period
from fazhi.decisions import demo
from fazhi.decisions.models import (
    CommentStatus,
    Decision,
    DecisionEvent,
    DecisionStatus,
    DiscussionStatement,
    ExpertOpinion,
    PublicComment,
    ReviewConclusion,
    RiskLevel,
)
from fazhi.people.generate import area_random, name, years

BATCH = 2000
S = DecisionStatus
D = datetime.date
EXPERTS = [
    ("县住房城乡建设委员会 给排水高级工程师", "处理规模与集镇人口相适应，工艺选择合理。"),
    ("县生态环境局 环境工程", "出水执行一级A标准可行，建议预留扩容用地。"),
]
STATEMENTS = [
    ("副乡长", "同意，建议加快争取上级资金。", False),
    ("副乡长", "同意，施工期间做好交通组织。", False),
    ("乡长", "同意实施，按采纳意见修改后的方案执行。", True),  # 条例 第三十条: the principal speaks last
]


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def generate(context: dict) -> None:
    spans = years(context)

    @cache
    def earliest(key: str, start: datetime.date) -> datetime.date:
        rule = deadline_rule_current(key=key, on=start)  # the version in force that day, as the guards read it
        return add_period(start, rule.days, rule.unit)

    rows: list[tuple[Decision, list, list, list, list]] = []  # decision, events, comments, experts, statements
    for township in context["townships"]:
        rng = area_random(context, township, __name__)
        for year in spans:
            rows.append(_full(township, year, earliest, rng))
        rows.append(_open(township, spans[-1], earliest, rng))
    Decision.objects.bulk_create([r[0] for r in rows], batch_size=BATCH)
    for model, index in [(DecisionEvent, 1), (PublicComment, 2), (ExpertOpinion, 3), (DiscussionStatement, 4)]:
        model.objects.bulk_create([obj for row in rows for obj in row[index]], batch_size=BATCH)


def _catalogued(township, title: str, year: int, published: datetime.date, **flags) -> Decision:
    return Decision(
        area=township,
        title=title.replace("治平乡", township.name),
        year=year,
        summary="",
        catalogued=True,
        published_on=published,
        **flags,
    )


def _comments(d: Decision, rng) -> list[PublicComment]:
    span = (d.comment_ends_on - d.comment_started_on).days
    return [
        PublicComment(
            decision=d,
            text=text,
            name=(who and name(rng)),
            paragraph=paragraph,
            submitted_at=_at(d.comment_started_on + _days(rng.randrange(span + 1))),
            status=CommentStatus.APPROVED,
            adopted=adopted,
            reply=reply,
        )
        for who, paragraph, text, adopted, reply in demo.COMMENTS
    ]


def _full(township, year: int, earliest, rng) -> tuple:
    published = D(year, 2, 1) + _days(rng.randrange(20))
    d = _catalogued(
        township, demo.FULL_TITLE, year, published, expert_required=True, risk_required=True, status=S.ANNOUNCED
    )
    d.summary, d.consultation_text = "解决集镇生活污水直排问题，改善场镇人居环境。", demo.FULL_DRAFT
    d.comment_started_on = published + _days(rng.randrange(10, 25))
    d.comment_ends_on = earliest("decisions.public_comment", d.comment_started_on)  # 条例 第十五条
    d.comment_handling = "共收到意见3条，采纳1条，未采纳2条并逐条说明理由。"
    d.review_started_on = d.comment_ends_on + _days(rng.randrange(1, 5))  # after the period (第十五条)
    d.risk_assessor, d.risk_level = f"{township.name}综治中心", RiskLevel.LOW
    d.risk_conclusion = "风险点：征地补偿、施工扰民；已制定补偿方案和施工公告制度，风险可控。"
    d.reviewer, d.review_conclusion = f"{township.name}司法所 / 乡法律顾问", ReviewConclusion.LEGAL
    d.review_opinion = "决策事项属本乡职权范围，已履行公众参与、专家论证、风险评估程序，内容不违反法律法规。"
    d.reviewed_on = d.review_started_on + _days(rng.randrange(5, 10))
    d.meeting, d.attendees = f"{township.name}人民政府{year}年第{rng.randrange(3, 9)}次常务会议", "乡长、副乡长（3名）"
    d.outcome = "同意实施集镇污水处理设施建设项目，管网按采纳的意见延伸。"
    # 条例 第二十七条: not before 7 working days of review, nor before the review opinion (MD-12)
    d.discussed_on = max(earliest("decisions.legality_review", d.review_started_on), d.reviewed_on) + _days(2)
    d.announced_on = d.discussed_on + _days(rng.randrange(2, 6))
    d.announcement = "乡政府网站、政务公开栏公布，附政策解读。"
    d.implementing_unit, d.implementation_notes = f"{township.name}村镇建设服务中心", f"{year}年11月建成投运。"
    d.evaluator, d.evaluated_on = "县委党校课题组", D(year, 12, 20)  # not the risk assessor (第三十六条)
    d.evaluation = "集镇污水收集率达92%，群众满意度高，达到决策预期。"
    events = [
        ("open_comment", S.DRAFT, S.CONSULTING, d.comment_started_on),
        ("submit_review", S.CONSULTING, S.REVIEWING, d.review_started_on),
        ("discuss", S.REVIEWING, S.DISCUSSED, d.discussed_on),
        ("announce", S.DISCUSSED, S.ANNOUNCED, d.announced_on),
    ]
    experts = [
        ExpertOpinion(decision=d, expert=name(rng), affiliation=a, opinion=o, given_on=d.review_started_on + _days(2))
        for a, o in EXPERTS
    ]
    statements = [
        DiscussionStatement(decision=d, speaker=f"{post} {name(rng)}", statement=s, is_principal=principal)
        for post, s, principal in STATEMENTS
    ]
    return d, _events(d, events), _comments(d, rng), experts, statements


def _open(township, year: int, earliest, rng) -> tuple:
    """The demo's second decision: catalogued late in the year and out for comment across the new year."""
    d = _catalogued(township, demo.OPEN_TITLE, year, D(year, 11, 20) + _days(rng.randrange(8)), status=S.CONSULTING)
    d.summary, d.consultation_text = "建立户分类、村收集、乡转运、县处理的农村生活垃圾收运体系。", demo.OPEN_DRAFT
    d.comment_started_on = d.published_on + _days(3)
    d.comment_ends_on = earliest("decisions.public_comment", d.comment_started_on) + _days(5)
    return d, _events(d, [("open_comment", S.DRAFT, S.CONSULTING, d.comment_started_on)]), [], [], []


def _events(d: Decision, steps) -> list[DecisionEvent]:
    return [DecisionEvent(decision=d, action=a, from_status=f, to_status=t, on=on) for a, f, t, on in steps]
