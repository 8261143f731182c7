"""Synthetic petitions (信访) for benchmarks, like the demo: petitions from residents of each village through the
信访工作条例 clock (most accepted and answered with a 处理意见, some not accepted, a few still open in the last year)
and two key petitioners per township. Bulk inserts; see fazhi/people/generate.py."""

import datetime
import random

from fazhi.accounts.models import User
from fazhi.core.numbering import last_yearly_sequence, yearly_number
from fazhi.people.generate import area_random, day_in, how_many, years
from fazhi.petitions.choices import Channel, Decision, Kind, Stabilisation, Status
from fazhi.petitions.models import KeyPetitioner, Petition, Petitioner, PetitionEvent, StatusChange
from fazhi.petitions.services import NUMBER_PREFIX

PETITIONS_PER_RESIDENT_YEAR = 0.003
CHANNEL_WEIGHTS = {
    Channel.VISIT: 36,
    Channel.ONLINE: 22,
    Channel.LETTER: 16,
    Channel.PHONE: 10,
    Channel.HOTLINE: 10,
    Channel.GRID: 3,
    Channel.TALK: 3,
}
KIND_WEIGHTS = {Kind.APPEAL: 70, Kind.SUGGESTION: 25, Kind.ACCUSATION: 5}
REQUESTS = ["要求增加道路建设占地补偿款", "反映宅基地审批进度缓慢", "要求解决拖欠工程款问题", "建议修缮村级公路"]
BATCH = 2000


def generate(context: dict) -> None:
    spans = years(context)
    leaders = {u.username: u.pk for u in User.objects.filter(username__startswith="bench_leader_")}
    residents_of_village: dict[int, list[tuple[int, str]]] = {}
    for grid in context["grids"]:
        residents_of_village.setdefault(grid.parent_id, []).extend(context["residents"].get(grid.pk, []))
    sequence = {year: last_yearly_sequence(Petition, NUMBER_PREFIX, year) for year in spans}
    petitions, petitioners, keys = [], [], []
    for t_index, township in enumerate(context["townships"]):
        rng = area_random(context, township, __name__)
        # Petitioners are residents: a village nobody lives in (a tiny run) brings no petitions.
        villages = [v for v in context["villages"] if v.parent_id == township.pk and residents_of_village.get(v.pk)]
        if not villages:
            continue
        people = sum(len(residents_of_village.get(v.pk, [])) for v in villages)
        for year in spans:
            for _n in range(how_many(rng, people * PETITIONS_PER_RESIDENT_YEAR)):
                village = rng.choice(villages)
                on = day_in(rng, year, last=300)
                sequence[year] += 1
                petitions.append(
                    _petition(rng, village, on, yearly_number(NUMBER_PREFIX, year, sequence[year]), year == spans[-1])
                )
                resident_id, who = rng.choice(residents_of_village[village.pk])
                petitioners.append(Petitioner(name=who, resident_id=resident_id, is_representative=True))
        for village in villages[:2]:
            resident_id, who = rng.choice(residents_of_village[village.pk])
            keys.append(
                KeyPetitioner(
                    area_id=village.pk,
                    name=who,
                    resident_id=resident_id,
                    responsible_leader_id=leaders.get(f"bench_leader_{t_index + 1}"),
                    status=rng.choice([Stabilisation.STABILISING, Stabilisation.SETTLED]),
                    status_since=day_in(rng, spans[-1]),
                    appeal=rng.choice(REQUESTS),
                )
            )
    Petition.objects.bulk_create(petitions, batch_size=BATCH)
    for petition, petitioner in zip(petitions, petitioners, strict=True):
        petitioner.petition = petition
    Petitioner.objects.bulk_create(petitioners, batch_size=BATCH)
    PetitionEvent.objects.bulk_create([e for p in petitions for e in _events(p)], batch_size=BATCH)
    KeyPetitioner.objects.bulk_create(keys, batch_size=BATCH)
    StatusChange.objects.bulk_create([StatusChange(key_petitioner=k, status=k.status, on=k.status_since) for k in keys])


def _petition(rng: random.Random, village, on: datetime.date, number: str, recent: bool) -> Petition:
    roll = rng.random()
    status = Status.ACCEPTED if recent and roll < 0.1 else Status.NOT_ACCEPTED if roll > 0.9 else Status.REPLIED
    # 信访工作条例 第二十三条: written notice of acceptance within 15 days (docs/law.md PET-07).
    accepted = on + datetime.timedelta(days=rng.randrange(1, 15))
    # 第三十四条: handled within 60 days of acceptance (docs/law.md PET-15; natural days in the 条例).
    replied = accepted + datetime.timedelta(days=rng.randrange(10, 60)) if status == Status.REPLIED else None
    return Petition(
        area_id=village.pk,
        number=number,
        channel=rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0],
        kind=rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0],
        request=rng.choice(REQUESTS),
        facts="经初步了解，情况基本属实。",
        received_on=on,
        status=status,
        accepted_on=accepted if status != Status.NOT_ACCEPTED else None,
        notified_on=accepted,
        not_accepted_reason="属于诉讼渠道解决事项，已告知依法向人民法院起诉。" if status == Status.NOT_ACCEPTED else "",
        due_date=accepted + datetime.timedelta(days=60) if status == Status.ACCEPTED else None,
        decision=rng.choice([Decision.SUPPORT, Decision.EXPLAIN, Decision.EXPLAIN]) if replied else "",
        decision_facts="经调查核实，已作出处理。" if replied else "",
        replied_on=replied,
        closed_on_time=True if replied else None,
    )


def _events(petition: Petition) -> list[PetitionEvent]:
    events = [PetitionEvent(petition=petition, action="登记", on=petition.received_on)]
    if petition.accepted_on:
        events.append(PetitionEvent(petition=petition, action="受理", on=petition.accepted_on))
    if petition.replied_on:
        events.append(PetitionEvent(petition=petition, action="出具处理意见", on=petition.replied_on))
    return events
