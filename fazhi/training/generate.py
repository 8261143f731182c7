"""Synthetic 学法 for benchmarks, like the demo: eight cadres per township, the demo's yearly calendar of study
sessions (中心组、干部职工会、讲座、会前学法、培训) with attendance, and a yearly law exam. Bulk inserts; see
fazhi/people/generate.py."""

import datetime
import random
from decimal import Decimal

from fazhi.people.generate import township_randoms, years
from fazhi.training.choices import SessionKind
from fazhi.training.demo import CADRES, SESSIONS
from fazhi.training.models import Attendance, Cadre, Exam, ExamScore, Session

BATCH = 2000


def generate(context: dict) -> None:
    streams = township_randoms(context, __name__)
    spans = years(context)
    cadres = Cadre.objects.bulk_create(
        [
            Cadre(area=t, name=name, title=title, is_enforcement_officer=officer, is_leader=leader)
            for t in context["townships"]
            for name, title, officer, leader in CADRES
        ]
    )
    team: dict[int, list[Cadre]] = {}
    for cadre in cadres:
        team.setdefault(cadre.area_id, []).append(cadre)
    sessions, attendees = [], []
    for township in context["townships"]:
        for year in spans:
            for kind, held_on, topic, hours in SESSIONS:
                if kind == SessionKind.LAW_LITERATE:
                    who = []
                elif kind == SessionKind.LAW_TRAINING:
                    who = [c for c in team[township.pk] if c.is_enforcement_officer]
                else:
                    who = team[township.pk]
                sessions.append(
                    Session(area=township, kind=kind, held_on=held_on.replace(year=year), topic=topic, hours=hours,
                            participants=len(who) or streams[township.pk].randrange(15, 40))
                )  # fmt: skip
                attendees.append(who)
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    Attendance.objects.bulk_create(
        [
            Attendance(session=s, cadre=c, hours=s.hours)
            for s, who in zip(sessions, attendees, strict=True)
            for c in who
        ],
        batch_size=BATCH,
    )
    exams = Exam.objects.bulk_create(
        [
            Exam(area=t, held_on=datetime.date(y, 12, 20), title=f"{y}年度干部学法考试")
            for t in context["townships"]
            for y in spans
        ]
    )
    ExamScore.objects.bulk_create(
        [_score(streams[exam.area_id], exam, cadre) for exam in exams for cadre in team[exam.area_id]], batch_size=BATCH
    )


def _score(rng: random.Random, exam: Exam, cadre: Cadre) -> ExamScore:
    score = Decimal(rng.randrange(50, 100))
    return ExamScore(exam=exam, cadre=cadre, score=score, passed=score >= exam.pass_mark)
