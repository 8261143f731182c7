"""Synthetic people's mediation for benchmarks, in the demo's proportions (seed report 一(四) 三): per township a
studio, a township committee and a committee in every village; disputes across the three tiers — about 58 % 简易 on
the spot, 38 % 一般 in the studio (a few failing), 4 % 疑难 under a leader — with parties, sessions, agreements,
follow-ups and the tier history, and a few still open in the last year. Bulk inserts; see fazhi/people/generate.py.
"""

import datetime
from decimal import Decimal

from fazhi.accounts.models import User
from fazhi.core.numbering import last_yearly_sequence, yearly_number
from fazhi.mediation.choices import (
    DISPUTE_TYPE_DEFAULTS,
    BodyKind,
    DisputeSource,
    DisputeStatus,
    PartyRole,
    Performance,
    Tier,
)
from fazhi.mediation.models import (
    Agreement,
    Dispute,
    DisputeEvent,
    DisputeParty,
    FollowUp,
    MediationBody,
    Mediator,
    Session,
    TierChange,
)
from fazhi.mediation.services import NUMBER_PREFIX
from fazhi.people.generate import area_random, day_in, how_many, name, years

DISPUTES_PER_RESIDENT_YEAR = 0.01
TIER_WEIGHTS = {Tier.SIMPLE: 58, Tier.GENERAL: 38, Tier.DIFFICULT: 4}
STUDIO_KINDS = ["first_secretary", "first_secretary", "worthy", "worthy", "legal_adviser", "full_time"]
# 人民调解"一般在一个月内调结" (司法部《人民调解工作若干规定》第三十三条, docs/law.md MED-18): 30 natural days.
MONTH = datetime.timedelta(days=30)
_START = datetime.date(2015, 1, 1)
BATCH = 2000


def _roster(township, villages) -> tuple[list[Mediator], dict[int, Mediator]]:
    studio, committee = MediationBody.objects.bulk_create(
        [
            MediationBody(area=township, name=f"{township.name}调解工作室", kind=BodyKind.STUDIO),
            MediationBody(area=township, name=f"{township.name}人民调解委员会", kind=BodyKind.TOWNSHIP_COMMITTEE),
        ]
    )
    village_bodies = MediationBody.objects.bulk_create(
        [MediationBody(area=v, name=f"{v.name}人民调解委员会", kind=BodyKind.VILLAGE_COMMITTEE) for v in villages]
    )
    team = [
        Mediator(area=township, name=f"{township.name[:4]}调解员{i + 1}", kind=k, body=studio, valid_from=_START)
        for i, k in enumerate(STUDIO_KINDS)
    ]
    team.append(
        Mediator(
            area=township, name=f"{township.name[:4]}司法所", kind="justice_staff", body=committee, valid_from=_START
        )
    )
    per_village = [
        Mediator(area=v, name=f"{v.name}调委会主任", kind="committee_member", body=b, valid_from=_START)
        for v, b in zip(villages, village_bodies, strict=True)
    ]
    Mediator.objects.bulk_create(team + per_village)
    return team[:6], {m.area_id: m for m in per_village}


def generate(context: dict) -> None:
    spans = years(context)
    types = [code for code, _label in DISPUTE_TYPE_DEFAULTS]
    leaders = {u.username: u.pk for u in User.objects.filter(username__startswith="bench_leader_")}
    residents_of_village: dict[int, list[tuple[int, str]]] = {}
    for grid in context["grids"]:
        residents_of_village.setdefault(grid.parent_id, []).extend(context["residents"].get(grid.pk, []))
    sequence = {year: last_yearly_sequence(Dispute, NUMBER_PREFIX, year) for year in spans}
    rows: list[tuple[Dispute, list, list]] = []  # each dispute with its mediators and parties, linked once saved
    for t_index, township in enumerate(context["townships"]):
        rng = area_random(context, township, __name__)
        villages = [v for v in context["villages"] if v.parent_id == township.pk]
        team, village_mediator = _roster(township, villages)
        studio = team[0].body
        leader = leaders.get(f"bench_leader_{t_index + 1}")
        people = sum(len(residents_of_village.get(v.pk, [])) for v in villages)
        for year in spans:
            for _n in range(how_many(rng, people * DISPUTES_PER_RESIDENT_YEAR)):
                village = rng.choice(villages)
                tier = rng.choices(list(TIER_WEIGHTS), weights=list(TIER_WEIGHTS.values()))[0]
                on = day_in(rng, year, last=320)
                sequence[year] += 1
                open_ = year == spans[-1] and rng.random() < 0.03
                failed = tier == Tier.GENERAL and not open_ and rng.random() < 0.05
                status = DisputeStatus.OPEN if open_ else DisputeStatus.FAILED if failed else DisputeStatus.RESOLVED
                close = on + datetime.timedelta(days=0 if tier == Tier.SIMPLE else rng.randrange(6, 36))
                kind = rng.choice(types)
                simple = tier == Tier.SIMPLE
                dispute = Dispute(
                    area_id=village.pk,
                    number=yearly_number(NUMBER_PREFIX, year, sequence[year]),
                    title=f"{village.name}{dict(DISPUTE_TYPE_DEFAULTS)[kind]}纠纷",
                    facts="双方因琐事发生争执，经调解查明事实，分清责任。",
                    dispute_type=kind,
                    key_group=tier == Tier.DIFFICULT and rng.random() < 0.25,
                    amount=None if simple else Decimal(1000 + 250 * rng.randrange(80)),
                    source=DisputeSource.PROACTIVE if simple else rng.choice(DisputeSource.values),
                    tier=tier,
                    status=status,
                    body=village_mediator[village.pk].body if simple else studio,
                    leader_id=leader if tier == Tier.DIFFICULT else None,
                    received_on=on,
                    due_date=on + MONTH if open_ else None,
                    closed_on=None if open_ else close,
                    outcome_reason="双方分歧较大，调解不成，已告知当事人可通过仲裁、诉讼等途径解决。" if failed else "",
                )
                mediators = [village_mediator[village.pk]] if simple else rng.sample(team, 2)
                parties = residents_of_village.get(village.pk) or [(None, name(rng))]
                rows.append((dispute, mediators, [rng.choice(parties), (None, name(rng))]))
    Dispute.objects.bulk_create([d for d, _m, _p in rows], batch_size=BATCH)
    _details(rows)


def _details(rows) -> None:
    links, parties, tiers, sessions, agreements, follow_ups, events = [], [], [], [], [], [], []
    through = Dispute.mediators.through
    for dispute, mediators, pair in rows:
        links += [through(dispute_id=dispute.pk, mediator_id=m.pk) for m in mediators]
        for role, (resident_id, who) in zip((PartyRole.APPLICANT, PartyRole.RESPONDENT), pair, strict=True):
            parties.append(DisputeParty(dispute=dispute, role=role, name=who, resident_id=resident_id))
        on = dispute.received_on
        first = Tier.GENERAL if dispute.tier == Tier.DIFFICULT else dispute.tier
        tiers.append(TierChange(dispute=dispute, to_tier=first, on=on, reason="受理"))
        events.append(DisputeEvent(dispute=dispute, action="受理登记", on=on))
        if dispute.tier == Tier.DIFFICULT:
            up = on + datetime.timedelta(days=5)
            tiers.append(TierChange(dispute=dispute, from_tier=first, to_tier=Tier.DIFFICULT, on=up, reason="领导包案"))
            events.append(DisputeEvent(dispute=dispute, action="升级", on=up))
        if dispute.tier != Tier.SIMPLE:
            held = on + datetime.timedelta(days=2)
            sessions.append(Session(dispute=dispute, held_on=held, place="调解室", notes="听取双方陈述，释法明理。"))
        if dispute.status == DisputeStatus.RESOLVED:
            agreements.append(
                Agreement(
                    dispute=dispute,
                    facts=dispute.facts,
                    terms="双方互谅互让，按协议约定解决争议。",
                    performance_method="当面履行，调解员见证",
                    performance_due=dispute.closed_on + datetime.timedelta(days=15),
                    effective_on=dispute.closed_on,
                    performance=Performance.PERFORMED,
                )
            )
            due = dispute.closed_on + MONTH
            follow_ups.append(FollowUp(dispute=dispute, due_on=due, visited_on=due, performance=Performance.PERFORMED))
        if dispute.closed_on:
            events.append(DisputeEvent(dispute=dispute, action="办结", on=dispute.closed_on))
    through.objects.bulk_create(links, batch_size=BATCH)
    for model, objs in [
        (DisputeParty, parties),
        (TierChange, tiers),
        (Agreement, agreements),
        (FollowUp, follow_ups),
        (DisputeEvent, events),
    ]:
        model.objects.bulk_create(objs, batch_size=BATCH)
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    session_links = Session.mediators.through
    team = {d.pk: ms for d, ms, _p in rows}
    session_links.objects.bulk_create(
        [session_links(session_id=s.pk, mediator_id=m.pk) for s in sessions for m in team[s.dispute_id]],
        batch_size=BATCH,
    )
