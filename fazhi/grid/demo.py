"""Demo data for 治平乡: every grid staffed 一长三员, households and residents with varied tags, matters and visits
across 2023. Idempotent: does nothing once the township has households."""

import datetime
import random

from fazhi.accounts.models import User
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.choices import CATEGORY_DEFAULTS, MatterSource, Satisfaction, StaffPost
from fazhi.grid.services import matter_create, matter_transition, staff_appoint, visit_record
from fazhi.people.choices import TAG_DEFAULTS
from fazhi.people.models import Household
from fazhi.people.services import household_create, resident_create
from fazhi.people.validation import id_check_char

SURNAMES = "张王李刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑谢冉向彭"
GIVEN = ["明", "华", "芳", "军", "英", "平", "强", "丽", "勇", "燕", "春", "秀", "国", "兰", "德", "成", "海", "梅"]
HOUSEHOLDS_PER_GRID = 20
# What a resident says about a matter, by its category (two wordings each).
MATTER_TEXT = {
    "dispute": ["两户因宅基地边界发生争执，请求调解。", "邻里因修房占道发生口角，请求村里出面协调。"],
    "neighbour": ["邻里之间因排水沟堵塞发生争执，请求协调。", "邻居家犬只夜间吠叫扰民，请求协调。"],
    "land_forest": ["承包地界址不清，与邻居有争议。", "林地界桩被移动，与相邻农户对林界有争议。"],
    "family": ["老人反映子女未按约定支付赡养费。", "夫妻因家庭琐事长期争吵，请求调解。"],
    "wages": ["务工工资被拖欠，请求帮助追讨。", "在本地工地务工，工钱迟迟未结清。"],
    "safety": ["反映村道边坡有落石隐患。", "反映村小学旁电线老化下垂，存在安全隐患。"],
    "sanitation": ["反映村道旁垃圾堆放未及时清运。", "反映河沟有生活污水直排。"],
    "livelihood": ["反映组内自来水压力不足，高处农户用水困难。", "反映村道路灯损坏，夜间出行不便。"],
    "policy": ["咨询城乡居民养老保险缴费政策。", "咨询高龄老人补贴申领条件。"],
    "other": ["反映村民活动室开放时间不固定。", "建议在村口增设公交候车点。"],
}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def _id_number(rng: random.Random, seq: int) -> str:
    birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 70))
    first17 = f"500229{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + id_check_char(first17)


# The sources there were when the demo was written: drawing from these keeps the random stream, and all the demo
# data that follows from it, as it was.
FIRST_SOURCES = [MatterSource.GRID_REPORT, MatterSource.WALK_IN, MatterSource.PHONE, MatterSource.WEBSITE]


def _source(rng: random.Random, n: int) -> str:
    """The last of each grid's five matters was raised at a 群众说事 session (and a few days after it happened)."""
    drawn = rng.choice(FIRST_SOURCES)
    return MatterSource.TALK if n == 4 else drawn


def load(context: dict) -> None:
    township = context["township"]
    if Household.objects.filter(area__path__startswith=township.path).exists():
        return
    dictionary_seed()
    rng = random.Random(2023)
    grid_member = User.objects.filter(username="wanggeyuan").first()
    seq = 0
    tags = [code for code, _l in TAG_DEFAULTS]
    categories = [code for code, _l in CATEGORY_DEFAULTS]
    for v_index, (village, grids) in enumerate(context["villages"]):
        for grid in grids:
            for post in StaffPost:
                staff_appoint(
                    actor=None,
                    area=grid,
                    post=post,
                    name=_name(rng),
                    user=grid_member if (post == StaffPost.FULL_TIME and grid_member and v_index == 0) else None,
                    phone=f"139{rng.randrange(10**8):08d}",
                    unit=str(post.label),
                    valid_from=datetime.date(2022, 1, 1),
                )
            households = []
            for h in range(1, HOUSEHOLDS_PER_GRID + 1):
                head = _name(rng)
                household = household_create(
                    actor=None,
                    area=grid,
                    number=f"{grid.grid_number:02d}-{h:03d}",
                    head_name=head,
                    address=f"{village.name}{rng.randrange(1, 9)}组{h}号",
                    member_count=rng.randrange(1, 6),
                )
                households.append(household)
                for m in range(rng.randrange(1, 4)):
                    seq += 1
                    resident_create(
                        actor=None,
                        household=household,
                        name=head if m == 0 else _name(rng),
                        id_number=_id_number(rng, seq),
                        phone=f"13{rng.randrange(10**9):09d}" if rng.random() < 0.7 else "",
                        address=household.address,
                        tags=rng.sample(tags, rng.choice([0, 0, 1, 1, 2])),
                    )
            if grid_member is None:
                continue
            for _n in range(4):
                day = datetime.date(2023, 1, 3) + datetime.timedelta(days=rng.randrange(0, 350))
                visit_record(
                    actor=None,
                    visitor=grid_member,
                    household=rng.choice(households),
                    visited_on=day,
                    notes="入户走访，了解家庭生产生活情况，宣传法律知识。",
                )
            for n in range(5):
                day = datetime.date(2023, 1, 3) + datetime.timedelta(days=rng.randrange(0, 340))
                household = rng.choice(households)
                resident = household.residents.first()
                matter = matter_create(
                    actor=None,
                    area=grid,
                    # One draw for the category and one for the wording, as before (the seed's figures rest on
                    # this stream); the wording is the category's own, so 养老保险 is never filed under 土地林权.
                    category=(category := rng.choice(categories)),
                    description=MATTER_TEXT.get(category, MATTER_TEXT["other"])[rng.randrange(5) % 2],
                    source=_source(rng, n),
                    registered_on=day,
                    happened_on=day - datetime.timedelta(days=3 if n == 4 else 0),
                    resident=resident,
                    handler=grid_member,
                )
                matter_transition(actor=None, matter=matter, action="start", on=day)
                if n < 4:
                    close_day = day + datetime.timedelta(days=rng.randrange(1, 12))
                    matter_transition(
                        actor=None, matter=matter, action="close", result="已协调处理，群众认可。", on=close_day
                    )
                    if n < 3:
                        matter_transition(
                            actor=None,
                            matter=matter,
                            action="follow_up",
                            satisfaction=rng.choice(
                                [Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.FAIRLY]
                            ),
                            on=close_day + datetime.timedelta(days=3),
                        )
