"""Can a 网格员 or a township staff user rebuild a resident's 身份证号 from what they are shown?

The attack this plays out: gather everything a user reaches without the audited reveal — the resident list, the
household and resident pages, the API, the Excel export — and the plaintext columns of the resident table, then
for every resident enumerate the 18-character numbers that agree with it (GB 11643-1999: 6-digit 地址码, 8-digit
出生日期码, 3-digit 顺序码 whose last digit is odd for men, 1 校验码 by ISO 7064 MOD 11-2). The attacker is given
more than the pages show: the 地址码 (a township's code is public) and the resident's sex. Every mask and every
birth date, year or age found beside the resident is tried as a hypothesis; the number counts as determined when a
hypothesis that agrees with the truth leaves MAX_CANDIDATES or fewer numbers (个人信息保护法 第五十一条 去标识化;
GB/T 35273-2020 3.14: 去标识化 means the subject cannot be identified without additional information).
"""

import datetime
import json
import random
import re
from io import BytesIO

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.people.models import Resident
from fazhi.people.services import household_create, resident_create
from fazhi.people.validation import id_check_char

REGION = "500229"
MAX_CANDIDATES = 100
EARLIEST = datetime.date(1900, 1, 1)

MASK = re.compile(r"(?<![0-9A-Za-z*])[0-9*]{17}[0-9Xx*](?![0-9A-Za-z*])")
DATES = [
    re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
]
YEAR = re.compile(r"(?<!\d)(19\d\d|20[0-3]\d)(?!\d)")
AGE = re.compile(r"(?<!\d)(\d{1,3})\s*岁")


def _id(rng: random.Random) -> str:
    birth = datetime.date(1935, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 85))
    first17 = f"{REGION}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def _birth(number: str) -> datetime.date:
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def hypotheses(text: str, *, today: datetime.date) -> tuple[set[str], set[datetime.date], set[int]]:
    """Masks, full dates and years (an age gives the two years it can come from) written anywhere in `text`."""
    masks = {m.upper() for m in MASK.findall(text)}
    dates = set()
    for pattern in DATES:
        for y, m, d in pattern.findall(text):
            try:
                dates.add(datetime.date(int(y), int(m), int(d)))
            except ValueError:
                pass
    years = {int(y) for y in YEAR.findall(text)}
    for age in AGE.findall(text):
        years |= {today.year - int(age), today.year - int(age) - 1}
    return masks, dates, years


def candidates(*, truth: str, mask: str | None, dates, limit: int | None = MAX_CANDIDATES + 1) -> int:
    """How many valid numbers agree with the 地址码 and sex of `truth`, `mask` (its shown characters) and one of
    `dates`; counting stops at `limit`."""
    shown = {i: c for i, c in enumerate(mask or "*" * 18) if c != "*"}
    odd = int(truth[16]) % 2
    seqs = [
        f"{s:03d}"
        for s in range(1000)
        if s % 2 == odd and all(shown.get(14 + i, c) == c for i, c in enumerate(f"{s:03d}"))
    ]
    count = 0
    for day in dates:
        birth = f"{day:%Y%m%d}"
        if any(shown.get(6 + i, c) != c for i, c in enumerate(birth)):
            continue
        for seq in seqs:
            first17 = truth[:6] + birth + seq
            if 17 in shown and id_check_char(first17) != shown[17]:
                continue
            count += 1
            if limit and count >= limit:
                return count
    return count


def _days(start: datetime.date, end: datetime.date):
    return (start + datetime.timedelta(days=n) for n in range((end - start).days + 1))


def fewest_candidates(*, truth: str, evidence: str, today: datetime.date) -> tuple[int, str]:
    """The smallest candidate count over the hypotheses in `evidence` that agree with `truth`, and which it was."""
    masks, dates, years = hypotheses(evidence, today=today)
    birth = _birth(truth)
    masks = [m for m in masks if all(c in ("*", t) for c, t in zip(m, truth, strict=True))] or [None]
    births: list[tuple[str, list]] = []
    if birth in dates:
        births.append((f"date {birth}", [birth]))
    if birth.year in years:
        whole_year = _days(datetime.date(birth.year, 1, 1), datetime.date(birth.year, 12, 31))
        births.append((f"year {birth.year}", list(whole_year)))
    births.append(("no birth information", list(_days(EARLIEST, today))))
    best = (10**9, "")
    for mask in masks:
        for label, days in births:
            n = candidates(truth=truth, mask=mask, dates=days)
            if n < best[0]:
                best = (n, f"mask {mask}, {label}")
    return best


# --- what a user reaches -------------------------------------------------------------------------------------


def _rows(html: str, marker: str) -> str:
    return " ".join(row for row in html.split("<tr") if marker in row)


def gather(client, residents: list[Resident]) -> dict[int, str]:
    """Everything the logged-in client reaches about each resident, as one string per resident."""
    evidence = {r.pk: [] for r in residents}
    listing = client.get(reverse("people:resident_list")).content.decode()
    api_list = client.get("/api/v1/people/residents/", {"page_size": 1000}).json()
    api_rows = {row["id"]: row for row in api_list["results"]}
    export = load_workbook(BytesIO(client.get(reverse("people:resident_export")).content))
    export_rows = {}
    for row in export.active.iter_rows(min_row=2, values_only=True):
        export_rows[row[0]] = " ".join("" if v is None else str(v) for v in row)
    households = {}
    for r in residents:
        detail_url = reverse("people:resident_detail", args=[r.pk])
        if r.household_id and r.household_id not in households:
            url = reverse("people:household_detail", args=[r.household_id])
            households[r.household_id] = client.get(url).content.decode()
        detail = client.get(detail_url)
        assert detail.status_code == 200
        api_detail = client.get(f"/api/v1/people/residents/{r.pk}/")
        assert api_detail.status_code == 200
        evidence[r.pk] += [
            _rows(listing, f'href="{detail_url}"'),
            _rows(households.get(r.household_id, ""), f'href="{detail_url}"'),
            detail.content.decode(),
            json.dumps(api_rows[r.pk], ensure_ascii=False),
            json.dumps(api_detail.json(), ensure_ascii=False),
            export_rows[r.name],
        ]
    return {pk: "\n".join(parts) for pk, parts in evidence.items()}


def plaintext_columns(resident: Resident) -> str:
    """The resident's row as the database holds it, minus the ciphertexts (values under a cipher header)."""
    table = connection.ops.quote_name(Resident._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [resident.pk])
        values = cursor.fetchone()
    return " ".join(str(v) for v in values if not str(v).startswith(("AES-GCM$", "SM4-GCM$")))


@pytest.fixture
def registry(world):
    dictionary_seed()
    rng = random.Random(51)
    actor = world.user(Role.GRID_MEMBER)
    residents, numbers = [], {}
    for h in range(12):
        household = household_create(actor=actor, area=world.grid, number=f"01-{h:03d}", head_name=f"户主{h}")
        for m in range(3):
            number = _id(rng)
            resident = resident_create(
                actor=actor,
                household=household,
                name=f"居民{h:02d}{m}",
                id_number=number,
                phone=f"138{rng.randrange(10**8):08d}",
            )
            residents.append(resident)
            numbers[resident.pk] = number
    return residents, numbers


def test_the_attack_rebuilds_a_number_from_a_first6_last4_mask_and_the_birth_date():
    # The harness itself: given what the platform used to show, it must find the number (so a pass below means
    # something). 6+4 mask + birth date = 1 candidate; 6+4 mask + birth year = a few dozen.
    truth = "50022919850715041" + id_check_char("50022919850715041")
    shown = f"{truth[:6]}********{truth[-4:]} 出生日期 1985年7月15日"
    assert fewest_candidates(truth=truth, evidence=shown, today=datetime.date(2025, 1, 1))[0] == 1
    year = _days(datetime.date(1985, 1, 1), datetime.date(1985, 12, 31))
    by_year = candidates(truth=truth, mask=f"{'*' * 14}{truth[-4:]}", dates=year, limit=None)
    assert 20 < by_year < MAX_CANDIDATES


@pytest.mark.parametrize("role", [Role.GRID_MEMBER, Role.LEGAL_STAFF])
def test_no_resident_number_can_be_rebuilt_from_what_a_role_sees_and_the_plaintext_columns(
    client, world, registry, role
):
    residents, numbers = registry
    client.force_login(world.user(role))
    evidence = gather(client, residents)
    today = datetime.date.today()
    rebuilt = []
    for r in residents:
        seen = evidence[r.pk] + "\n" + plaintext_columns(r)
        n, how = fewest_candidates(truth=numbers[r.pk], evidence=seen, today=today)
        if n <= MAX_CANDIDATES:
            rebuilt.append(f"{r.name}: {n} candidates ({how})")
    assert not rebuilt, f"{len(rebuilt)} of {len(residents)} numbers narrowed down: {rebuilt[:3]}"
