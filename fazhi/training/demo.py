"""Demo data for 治平乡 2023: the seed's 12 集中学习 sessions (党委理论学习中心组、干部职工会) on 习近平法治思想,
two 法治专题讲座, 会前学法, a 法治培训, a 法律明白人培训 and a cadre law exam. Names are illustrative.
Idempotent: each record is looked up before it is created."""

import datetime
from decimal import Decimal

from fazhi.training import services
from fazhi.training.choices import SessionKind
from fazhi.training.models import Cadre, Exam, Session

D = datetime.date

CADRES = [
    ("张书记", "乡党委书记", False, True),
    ("王乡长", "乡长", False, True),
    ("刘主席", "乡人大主席", False, True),
    ("黄副乡长", "副乡长", False, True),
    ("李司法", "司法所所长", False, False),
    ("吴执法", "综合行政执法办公室主任", True, False),
    ("孙执法", "综合行政执法办公室干部", True, False),
    ("赵综治", "综治中心干部", False, False),
]

TOPICS = [
    "习近平法治思想的核心要义",
    "党的二十大报告关于法治建设的论述",
    "《中华人民共和国宪法》",
    "《中华人民共和国民法典》总则编",
    "习近平总书记关于基层治理的重要论述",
    "《法治政府建设实施纲要（2021—2025年）》",
]

SESSIONS = [
    *[(SessionKind.CENTER_GROUP, D(2023, 2 * i + 1, 20), TOPICS[i], Decimal("2")) for i in range(6)],
    *[(SessionKind.STAFF_MEETING, D(2023, 2 * i + 2, 8), TOPICS[i], Decimal("1.5")) for i in range(6)],
    (SessionKind.LAW_LECTURE, D(2023, 5, 16), "领导干部应知应会法律法规专题讲座", Decimal("3")),
    (SessionKind.LAW_LECTURE, D(2023, 11, 14), "依法行政与行政复议应诉专题讲座", Decimal("3")),
    *[(SessionKind.PRE_MEETING, D(2023, 3 * i + 1, 25), "会前学法：《行政处罚法》", Decimal("0.5")) for i in range(4)],
    (SessionKind.LAW_TRAINING, D(2023, 7, 11), "行政执法人员法律知识培训", Decimal("16")),
    (SessionKind.LAW_LITERATE, D(2023, 9, 19), "“法律明白人”培训", Decimal("4")),
]


def load(context: dict) -> None:
    township = context["township"]
    cadres = []
    for name, title, officer, leader in CADRES:
        cadre = Cadre.objects.filter(area=township, name=name).first() or services.cadre_create(
            actor=None, area=township, name=name, title=title, is_enforcement_officer=officer, is_leader=leader
        )
        cadres.append(cadre)
    leaders = [c for c in cadres if c.is_leader]
    officers = [c for c in cadres if c.is_enforcement_officer]
    for kind, held_on, topic, hours in SESSIONS:
        if Session.objects.filter(area=township, kind=kind, held_on=held_on, topic=topic).exists():
            continue
        if kind == SessionKind.LAW_TRAINING:
            attendees, participants = officers, 26
        elif kind == SessionKind.LAW_LITERATE:
            attendees, participants = [], 24  # residents trained as 法律明白人, counted in 人次
        elif kind == SessionKind.LAW_LECTURE:
            attendees, participants = leaders, 0
        else:
            attendees, participants = cadres, 0
        services.session_create(
            actor=None,
            area=township,
            kind=kind,
            held_on=held_on,
            topic=topic,
            hours=hours,
            trainer="县司法局" if kind in (SessionKind.LAW_LECTURE, SessionKind.LAW_TRAINING) else "",
            participants=participants,
            cadres=attendees,
        )
    exam = Exam.objects.filter(area=township, title="2023年度干部学法考试").first()
    if exam is None:
        exam = services.exam_create(actor=None, area=township, held_on=D(2023, 12, 20), title="2023年度干部学法考试")
        for cadre, score in zip(cadres, [92, 88, 85, 79, 95, 74, 58, 81], strict=True):
            services.score_record(actor=None, exam=exam, cadre=cadre, score=Decimal(score))
