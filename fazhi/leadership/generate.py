"""Synthetic 组织领导 for benchmarks, like the demo: per township one leading group (双组长, the 人大主席 as first
deputy, the other 班子成员 and the 司法所所长 running the office), and every year the demo's calendar — four meetings
(one hearing the last year's report), a work plan of five tasks (one still in progress) and four 第一责任人 records
(two checklist items, two 述法). Dates keep the demo's day of the year, moved a few days so townships differ.
Bulk inserts; see fazhi/people/generate.py."""

import datetime
import random

from fazhi.leadership.demo import DUTIES, MEETINGS, MEMBERS, TASKS
from fazhi.leadership.models import Duty, GroupMember, LeadingGroup, Meeting, PlanTask, WorkPlan
from fazhi.people.generate import area_random, name, years

BATCH = 2000


def _on(rng: random.Random, demo_day: datetime.date, year: int) -> datetime.date:
    """The demo's day in `year`, up to three days earlier, so it stays within the year (deadlines end on 31 Dec)."""
    return demo_day.replace(year=year) - datetime.timedelta(days=rng.randrange(4))


def generate(context: dict) -> None:
    spans = years(context)
    townships = context["townships"]
    groups = LeadingGroup.objects.bulk_create(
        [
            LeadingGroup(
                area=t,
                name="全面依法治乡工作领导小组",
                established_on=datetime.date(spans[0], 2, 21),
                document_no=f"{t.name[:4]}委发〔{spans[0]}〕5号",
            )
            for t in townships
        ]
    )
    members, meetings, plans, duties, tasks = [], [], [], [], []
    for township, group in zip(townships, groups, strict=True):
        rng = area_random(context, township, __name__)
        # The demo's illustrative names (张书记 …) stand for the posts; each township gets its own people.
        people = {demo_name: name(rng) for demo_name, _title, _post in MEMBERS}
        members += [
            GroupMember(group=group, name=people[n], title=title, post=post, valid_from=group.established_on)
            for n, title, post in MEMBERS
        ]
        for year in spans:
            meetings += [
                Meeting(
                    area=township,
                    kind=kind,
                    held_on=_on(rng, held_on, year),
                    topic=topic.replace("2023", str(year)).replace("2022", str(year - 1)),
                    decisions=decisions.replace("2023", str(year)),
                    hears_annual_report=hears,
                )
                for kind, held_on, topic, decisions, hears in MEETINGS
            ]
            plan = WorkPlan(area=township, year=year, title=f"{township.name}{year}年法治政府建设工作要点")
            plans.append(plan)
            tasks += [
                PlanTask(
                    plan=plan,
                    title=title,
                    owner=people[owner],
                    unit=unit,
                    deadline=deadline.replace(year=year),  # task_add: within the plan's year
                    progress=progress,
                    evidence=evidence,
                )
                for title, owner, unit, deadline, progress, evidence in TASKS
            ]
            duties += [
                Duty(
                    area=township,
                    kind=kind,
                    person=people[person],
                    person_title=title,
                    occurred_on=_on(rng, on, year),
                    content=content,
                )
                for kind, person, title, on, content in DUTIES
            ]
    GroupMember.objects.bulk_create(members, batch_size=BATCH)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    WorkPlan.objects.bulk_create(plans, batch_size=BATCH)
    PlanTask.objects.bulk_create(tasks, batch_size=BATCH)
    Duty.objects.bulk_create(duties, batch_size=BATCH)
