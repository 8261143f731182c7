"""Demo data for 治平乡: the leading group as the seed report describes it (乡党委书记、乡长 双组长, 人大主席
第一副组长, other 班子成员 副组长), a few meetings, the 2023 work plan and 第一责任人 records.

Names are illustrative; posts and structure are the seed's. Idempotent: nothing is added twice.
"""

import datetime

from fazhi.leadership import services
from fazhi.leadership.choices import DutyKind, GroupPost, MeetingKind, TaskProgress
from fazhi.leadership.models import Duty, LeadingGroup, Meeting, WorkPlan

D = datetime.date

MEMBERS = [
    ("张书记", "乡党委书记", GroupPost.LEADER),
    ("王乡长", "乡长", GroupPost.LEADER),
    ("刘主席", "乡人大主席", GroupPost.FIRST_DEPUTY),
    ("陈副书记", "乡党委副书记", GroupPost.DEPUTY),
    ("杨委员", "乡党委委员、纪委书记", GroupPost.DEPUTY),
    ("黄副乡长", "副乡长", GroupPost.DEPUTY),
    ("李司法", "司法所所长", GroupPost.OFFICE),
]

MEETINGS = [
    (
        MeetingKind.PARTY_COMMITTEE,
        D(2023, 2, 20),
        "专题听取2022年度法治政府建设情况汇报，研究2023年法治建设工作要点",
        "调整全面依法治乡工作领导小组；印发2023年法治政府建设工作要点",
        True,
    ),
    (MeetingKind.GOVERNMENT_STANDING, D(2023, 4, 10), "会前学法：《中华人民共和国行政处罚法》", "", False),
    (MeetingKind.THEMATIC, D(2023, 8, 15), "矛盾纠纷排查化解和信访工作专题会", "重点群体矛盾纠纷实行领导包案", False),
    (MeetingKind.PARTY_COMMITTEE, D(2023, 12, 5), "“12.4”宪法宣传周工作安排", "开展宪法宣传周集中宣传活动", False),
]

TASKS = [
    ("调整完善全面依法治乡工作领导小组", "张书记", "党政办", D(2023, 3, 31), TaskProgress.DONE, "乡党委会议纪要"),
    ("党委理论学习中心组集体学法", "陈副书记", "党政办", D(2023, 12, 31), TaskProgress.DONE, "学习记录12次"),
    ("落实“八五”普法年度计划", "刘主席", "司法所", D(2023, 12, 31), TaskProgress.DONE, "普法台账"),
    ("规范性文件合法性审核", "黄副乡长", "司法所", D(2023, 12, 31), TaskProgress.IN_PROGRESS, ""),
    ("完善重大行政决策集体讨论决定制度", "王乡长", "党政办", D(2023, 9, 30), TaskProgress.DONE, "制度文本"),
]

DUTIES = [
    (DutyKind.CHECKLIST, "张书记", "乡党委书记", D(2023, 2, 20), "主持党委会专题听取法治政府建设情况汇报"),
    (DutyKind.CHECKLIST, "王乡长", "乡长", D(2023, 4, 10), "主持政府常务会会前学法"),
    (DutyKind.LAW_REPORT, "张书记", "乡党委书记", D(2023, 12, 28), "年终述职中报告履行推进法治建设第一责任人职责情况"),
    (DutyKind.LAW_REPORT, "王乡长", "乡长", D(2023, 12, 28), "年终述职中报告履行推进法治建设第一责任人职责情况"),
]


def load(context: dict) -> None:
    township = context["township"]
    group = LeadingGroup.objects.filter(area=township).first()
    if group is None:
        group = services.group_create(
            actor=None,
            area=township,
            name="全面依法治乡工作领导小组",
            established_on=D(2023, 2, 21),
            document_no="治平委发〔2023〕5号",
        )
        for name, title, post in MEMBERS:
            services.member_add(actor=None, group=group, name=name, title=title, post=post, valid_from=D(2023, 2, 21))
    if not Meeting.objects.filter(area=township, held_on__year=2023).exists():
        for kind, held_on, topic, decisions, hears in MEETINGS:
            services.meeting_create(
                actor=None,
                area=township,
                kind=kind,
                held_on=held_on,
                topic=topic,
                decisions=decisions,
                hears_annual_report=hears,
            )
    if not WorkPlan.objects.filter(area=township, year=2023).exists():
        plan = services.plan_create(actor=None, area=township, year=2023, title="治平乡2023年法治政府建设工作要点")
        for title, owner, unit, deadline, progress, evidence in TASKS:
            services.task_add(
                actor=None,
                plan=plan,
                title=title,
                owner=owner,
                unit=unit,
                deadline=deadline,
                progress=progress,
                evidence=evidence,
            )
    if not Duty.objects.filter(area=township, occurred_on__year=2023).exists():
        for kind, person, title, on, content in DUTIES:
            services.duty_create(
                actor=None, area=township, kind=kind, person=person, person_title=title, occurred_on=on, content=content
            )
