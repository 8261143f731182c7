"""Demo data for 治平乡 2023 reproducing the seed report's publicity figures (一(二)(三)(四)):

3 习近平法治思想 campaign events (4.15 and 12.4), 10 posts on the video account "孝善治平", 11 普法 activities
("10余次") handing out 106 民法典 handbooks ("100余本") and 730 other materials ("700余份"), 11 乡贤大讲堂 /
身边人讲身边事 events ("10余场次") and 69 episodes of "小米书记话振兴". Audiences are, as the seed complains,
mostly the elderly and school children; 临河村 has no activity. Titles and places are illustrative.
Idempotent: each record is looked up before it is created.
"""

import datetime

from fazhi.areas.models import Area
from fazhi.publicity import services
from fazhi.publicity.choices import MaterialMode, Platform, Strand
from fazhi.publicity.models import Activity, MediaAccount, MediaPost, MediaSeries, Plan
from fazhi.publicity.services import MaterialInput

D = datetime.date
HANDBOOK, LEAFLET = "civil_code_handbook", "leaflet"


def M(kind: str, quantity: int, unit: str, mode: str = MaterialMode.HANDED_OUT) -> MaterialInput:
    return MaterialInput(kind=kind, quantity=quantity, unit=unit, mode=mode)


PLAN_ITEMS = [
    ("“4.15”全民国家安全教育日集中宣传", "general", D(2023, 4, 15), "司法所", 1),
    ("民法典宣传月进村入户", "elderly", D(2023, 5, 31), "司法所、各村", 2),
    ("“莎姐守未”“关爱明天、普法先行”进校园", "students", D(2023, 6, 30), "司法所、中心校", 2),
    ("反诈、防邪宣传", "general", D(2023, 9, 30), "派出所、综治中心", 2),
    ("“12.4”宪法宣传周", "general", D(2023, 12, 10), "司法所", 2),
]

# (village index or None for 全乡, date, title, form, themes, audiences, participants, materials, plan item index)
THOUGHT = [
    (
        None,
        D(2023, 4, 15),
        "习近平法治思想暨国家安全集中宣传",
        "campaign",
        ["xi_thought", "security"],
        {"general": 120, "elderly": 60},
        180,
        [M("banner", 2, "幅", MaterialMode.DISPLAYED)],
        0,
    ),
    (
        None,
        D(2023, 12, 4),
        "“12.4”国家宪法日习近平法治思想集中宣传",
        "campaign",
        ["xi_thought", "constitution"],
        {"general": 150, "elderly": 50},
        200,
        [M("banner", 2, "幅", MaterialMode.DISPLAYED)],
        4,
    ),
    (
        3,
        D(2023, 12, 6),
        "宪法宣传周习近平法治思想进村宣讲",
        "lecture",
        ["xi_thought", "constitution"],
        {"elderly": 45, "village_cadres": 12},
        57,
        [],
        4,
    ),
]

POPULAR = [
    (
        0,
        D(2023, 3, 8),
        "“三八”妇女维权暨婚姻家庭法律宣传",
        "campaign",
        ["family", "civil_code"],
        {"women": 46, "elderly": 30},
        76,
        [M(HANDBOOK, 20, "本"), M(LEAFLET, 90, "份")],
        None,
    ),
    (
        None,
        D(2023, 5, 12),
        "民法典宣传月集中宣传",
        "campaign",
        ["civil_code"],
        {"elderly": 80, "general": 60},
        140,
        [M(HANDBOOK, 30, "本"), M(LEAFLET, 120, "份"), M("banner", 3, "幅", MaterialMode.DISPLAYED)],
        1,
    ),
    (
        1,
        D(2023, 5, 24),
        "民法典进村入户",
        "courtyard",
        ["civil_code", "lending"],
        {"elderly": 52},
        52,
        [M(HANDBOOK, 26, "本"), M(LEAFLET, 60, "份")],
        1,
    ),
    (
        5,
        D(2023, 6, 1),
        "“莎姐守未”“关爱明天、普法先行”进校园",
        "lecture",
        ["minors"],
        {"students": 310},
        320,
        [M(LEAFLET, 100, "份")],
        2,
    ),
    (
        2,
        D(2023, 6, 15),
        "中小学生法治知识竞赛",
        "contest",
        ["minors", "constitution"],
        {"students": 86},
        90,
        [M("poster", 6, "张", MaterialMode.DISPLAYED)],
        2,
    ),
    (
        None,
        D(2023, 6, 26),
        "国际禁毒日宣传",
        "campaign",
        ["drugs"],
        {"general": 90, "students": 40},
        130,
        [M(LEAFLET, 80, "份")],
        None,
    ),
    (
        2,
        D(2023, 7, 20),
        "反电信网络诈骗宣传",
        "courtyard",
        ["anti_fraud"],
        {"elderly": 64},
        64,
        [M(LEAFLET, 70, "份"), M("poster", 10, "张", MaterialMode.DISPLAYED)],
        3,
    ),
    (None, D(2023, 8, 18), "防范邪教宣传", "board", ["anti_cult"], {"general": 70}, 70, [M(LEAFLET, 50, "份")], 3),
    (
        3,
        D(2023, 9, 12),
        "劳动权益保障知识宣传",
        "lecture",
        ["labour"],
        {"elderly": 38, "women": 22},
        60,
        [M(LEAFLET, 40, "份")],
        None,
    ),
    (
        0,
        D(2023, 10, 17),
        "民间借贷纠纷以案释法",
        "case",
        ["lending", "civil_code"],
        {"elderly": 41},
        41,
        [M(HANDBOOK, 30, "本"), M(LEAFLET, 50, "份")],
        None,
    ),
    (
        None,
        D(2023, 11, 20),
        "公民道德宣传教育广播",
        "broadcast",
        ["ethics"],
        {"general": 200},
        200,
        [M(LEAFLET, 70, "份")],
        None,
    ),
]
# handbooks 20+30+26+30 = 106; other materials handed out 90+120+60+100+80+70+50+40+50+70 = 730

LECTURE_TITLES = ["乡贤大讲堂", "身边人讲身边事"]
LECTURE_PLACES = ["小米书记工作室", "桃林故事会", "农家书屋"]


def _activity(township: Area, villages: list, row, strand: str, plan_items: list) -> None:
    village_index, held_on, title, form, themes, audiences, participants, materials, item_index = row
    area = township if village_index is None else villages[village_index][0]
    if Activity.objects.filter(area=area, held_on=held_on, title=title).exists():
        return
    services.activity_create(
        actor=None,
        area=area,
        held_on=held_on,
        title=title,
        form=form,
        strand=strand,
        place=area.name,
        themes=themes,
        audiences=audiences,
        participants=participants,
        materials=materials,
        plan_item=plan_items[item_index] if item_index is not None else None,
    )


def load(context: dict) -> None:
    township: Area = context["township"]
    villages = context["villages"]

    plan = Plan.objects.filter(area=township, year=2023).first() or services.plan_create(
        actor=None, area=township, year=2023, title="治平乡2023年度普法依法治理工作计划"
    )
    plan_items = list(plan.items.order_by("due_by", "id"))
    if not plan_items:
        for title, audience, due_by, responsible, target in PLAN_ITEMS:
            services.plan_item_add(
                actor=None,
                plan=plan,
                title=title,
                audience=audience,
                due_by=due_by,
                responsible=responsible,
                target_count=target,
            )
        plan_items = list(plan.items.order_by("due_by", "id"))

    for row in THOUGHT:
        _activity(township, villages, row, Strand.THOUGHT, plan_items)
    for row in POPULAR:
        _activity(township, villages, row, Strand.POPULAR, plan_items)
    lecture_villages = [0, 1, 2, 3, 5, 0, 1, 2, 3, 5, 0]
    for i, village_index in enumerate(lecture_villages):
        title = f"{LECTURE_TITLES[i % 2]}（第{i // 2 + 1}期）"
        held_on = D(2023, 1 + i, 18) if i < 11 else D(2023, 12, 18)
        row = (
            village_index,
            held_on,
            title,
            "lecture",
            ["ethics", "revitalization"],
            {"elderly": 30 + i, "general": 10},
            40 + i,
            [],
            None,
        )
        _activity(township, villages, row, Strand.LECTURE, plan_items)

    account = MediaAccount.objects.filter(area=township, name="孝善治平").first() or services.account_create(
        actor=None, area=township, name="孝善治平", platform=Platform.VIDEO
    )
    for n in range(1, 11):
        title = f"学习习近平法治思想（{n}）"
        if not MediaPost.objects.filter(account=account, title=title).exists():
            services.post_create(
                actor=None,
                account=account,
                published_on=D(2023, n + 1, 10),
                title=title,
                topic="xi_thought",
                views=300 + 37 * n,
            )
    series = MediaSeries.objects.filter(account=account, title="小米书记话振兴").first() or services.series_create(
        actor=None, account=account, title="小米书记话振兴"
    )
    existing = set(series.episodes.values_list("episode_no", flat=True))
    for n in range(1, 70):
        if n in existing:
            continue
        services.post_create(
            actor=None,
            account=account,
            published_on=D(2023, 1, 6) + datetime.timedelta(days=5 * (n - 1)),
            title=f"小米书记话振兴 第{n}期",
            topic="revitalization",
            series=series,
            episode_no=n,
        )
