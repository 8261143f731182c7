"""Synthetic households and residents for benchmarks (`manage.py generate_area`), distributed like the demo.

Rows go in with bulk_create, bypassing the services on purpose (a county of 250,000 residents must build in minutes),
so this module derives what `services._apply` derives: birth date, birth year and sex from the 身份证号, the encrypted
values (the fields encrypt on save), blind indexes, masks and pinyin keys. Every 身份证号 is valid under GB 11643-1999
and unique in the dataset. Later generators read `context["households"]` / `context["residents"]` (ids per grid).
"""

import datetime
import random
from functools import lru_cache

from fazhi.core.bulk import bulk_insert
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.encryption import blind_index, mask_id_number, mask_phone
from fazhi.people.choices import TAG_DEFAULTS, ResidentStatus
from fazhi.people.models import Household, Resident, ResidentTag
from fazhi.people.validation import id_check_char, pinyin_keys

SURNAMES = "张王李刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑谢冉向彭"
GIVEN = "明华芳军英平强丽勇燕春秀国兰德成海梅"
MEMBERS_PER_HOUSEHOLD = (1, 2, 2, 3, 3, 3, 4, 4, 5)  # mean 3: household size of a rural township
TAGS_PER_RESIDENT = (0, 0, 1, 1, 2)  # as in the demo
STATUS_WEIGHTS = {
    ResidentStatus.RESIDENT: 80,
    ResidentStatus.AWAY: 15,
    ResidentStatus.MOVED_OUT: 4,
    ResidentStatus.DECEASED: 1,
}
EPOCH = datetime.date(1935, 1, 1)


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


pinyin = lru_cache(maxsize=None)(pinyin_keys)  # a few thousand distinct names: convert each once


def _id_number(rng: random.Random, region: str, taken: set[str]) -> str:
    """A valid 18-character number, unique in `taken` (the 3-digit 顺序码 moves on when the date is used up)."""
    birth = EPOCH + datetime.timedelta(days=rng.randrange(365 * 85))
    seq = rng.randrange(1000)
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    while first17 in taken:
        seq = (seq + 1) % 1000
        first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    taken.add(first17)
    return first17 + id_check_char(first17)


def _resident(rng: random.Random, *, grid_id: int, household: Household, full_name: str, id_number: str) -> Resident:
    phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}" if rng.random() < 0.7 else ""
    full, initials = pinyin(full_name)
    birth = datetime.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    return Resident(
        area_id=grid_id,
        household=household,
        name=full_name,
        name_pinyin=full,
        name_initials=initials,
        # GB 11643-1999 §6: 出生日期码 and 顺序码 (odd for men), as resident_create derives them.
        birth_date=birth,  # encrypted on save; only the year is plaintext
        birth_year=birth.year,
        sex="male" if int(id_number[16]) % 2 else "female",
        id_number=id_number,
        id_number_hash=blind_index(id_number),
        id_number_masked=mask_id_number(id_number),
        phone=phone,
        phone_hash=blind_index(phone),
        phone_masked=mask_phone(phone),
        address=household.address,
        status=rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0],
    )


def generate(context: dict) -> None:
    per_township: int = context["residents_per_township"]
    dictionary_seed()
    tags = [code for code, _label in TAG_DEFAULTS]
    village_of = {v.pk: v for v in context["villages"]}
    grids_of: dict[int, list] = {}
    for grid in context["grids"]:
        grids_of.setdefault(village_of[grid.parent_id].parent_id, []).append(grid)
    taken: set[str] = set()
    households: dict[int, list[int]] = {}
    residents: dict[int, list[tuple[int, str]]] = {}
    for t_index, township in enumerate(context["townships"]):
        rng = area_random(context, township, __name__)
        grids = grids_of[township.pk]
        region = f"5099{t_index % 100:02d}"  # 行政区划代码 of the synthetic county's townships
        planned: list[tuple[Household, list[str]]] = []
        count = 0
        while count < per_township:
            grid = grids[len(planned) % len(grids)]
            size = min(rng.choice(MEMBERS_PER_HOUSEHOLD), per_township - count)
            members = [name(rng) for _ in range(size)]
            village = village_of[grid.parent_id]
            number = f"{grid.grid_number:02d}-{len(planned) // len(grids) + 1:04d}"
            household = Household(
                area_id=grid.pk,
                number=number,
                head_name=members[0],
                address=f"{village.name}{rng.randrange(1, 9)}组{len(planned) // len(grids) + 1}号",
                member_count=size,
            )
            planned.append((household, members))
            count += size
        bulk_insert(Household, [h for h, _m in planned])
        rows = [
            _resident(rng, grid_id=h.area_id, household=h, full_name=m, id_number=_id_number(rng, region, taken))
            for h, members in planned
            for m in members
        ]
        bulk_insert(Resident, rows)
        bulk_insert(
            ResidentTag,
            [
                ResidentTag(resident_id=r.pk, code=code)
                for r in rows
                for code in rng.sample(tags, rng.choice(TAGS_PER_RESIDENT))
            ],
        )
        for h, _members in planned:
            households.setdefault(h.area_id, []).append(h.pk)
        for r in rows:
            residents.setdefault(r.area_id, []).append((r.pk, r.name))
    context.update(households=households, residents=residents)


def area_random(context: dict, area, stream: str) -> random.Random:
    """The draws of one generator (`stream`: its module) for one area, keyed by the area's name, unique in a generated
    deployment. A township's records come out the same however many townships are built beside it, so the benchmark's
    scaling ratio compares the same records on both datasets."""
    return random.Random(f"{context['seed']}/{stream}/{area.name}")


def township_randoms(context: dict, stream: str) -> dict[int, random.Random]:
    """`area_random` of every township, by primary key: for a generator that draws in passes over all of them."""
    return {t.pk: area_random(context, t, stream) for t in context["townships"]}


def years(context: dict) -> list[int]:
    """The calendar years the synthetic records span: `--years` of them, ending with the demo's year 2023."""
    return list(range(2024 - context["years"], 2024))


def day_in(rng: random.Random, year: int, *, last: int = 350) -> datetime.date:
    return datetime.date(year, 1, 3) + datetime.timedelta(days=rng.randrange(last))


def how_many(rng: random.Random, expected: float) -> int:
    """A whole count around `expected` and at least one: every area has some of each record, however small."""
    whole = int(expected)
    return max(1, whole + (rng.random() < expected - whole))
