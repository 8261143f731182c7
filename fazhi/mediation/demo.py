"""Demo data for 治平乡 2023 reproducing the seed report (一(四) 三): the township's studio 小米书记工作室 with two
resident first secretaries from the 政法 system, 乡贤 and the legal adviser as mediators; "简易纠纷现场调解、一般纠纷
工作室化解、疑难纠纷领导包案限期办结"; 103 ordinary and 2 key-group disputes resolved in 2023 across the three tiers;
a few that failed, and a few open — some overdue — relative to today so the workbench has items.
Names, places and amounts are illustrative. Idempotent: every record is looked up by its title first.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.mediation import services
from fazhi.mediation.choices import BodyKind, DisputeSource, DisputeStatus, PartyRole, Performance, Tier
from fazhi.mediation.models import Dispute, MediationBody, Mediator
from fazhi.mediation.services import AgreementInput, PartyInput

D = datetime.date
TYPES = ["neighbour", "marriage_family", "land_forest", "wages", "damages", "contract", "land_acquisition", "other"]
TYPE_TITLES = {
    "neighbour": "相邻通行纠纷",
    "marriage_family": "赡养纠纷",
    "land_forest": "林地界址纠纷",
    "wages": "务工报酬纠纷",
    "damages": "牲畜损坏庄稼赔偿纠纷",
    "contract": "房屋修建合同纠纷",
    "land_acquisition": "道路建设占地补偿纠纷",
    "other": "宅前排水纠纷",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"

# name, kind, unit, body key ("studio", "township", or village index)
MEDIATORS = [
    ("黄明辉", "first_secretary", "县委政法委驻新红村第一书记", "studio"),
    ("罗建国", "first_secretary", "县公安局驻岚溪村第一书记", "studio"),
    ("何德福", "worthy", "乡贤", "studio"),
    ("郭秀英", "worthy", "乡贤", "studio"),
    ("孙律师", "legal_adviser", "乡政府法律顾问", "studio"),
    ("周调解", "full_time", "小米书记工作室专职调解员", "studio"),
    ("林司法", "justice_staff", "治平司法所", "township"),
]


def _body(area, name, kind) -> MediationBody:
    return MediationBody.objects.filter(area=area, name=name).first() or services.body_create(
        actor=None, area=area, name=name, kind=kind
    )


def _parties(i: int) -> list[PartyInput]:
    a, b = SURNAMES[i % len(SURNAMES)], SURNAMES[(i * 7 + 3) % len(SURNAMES)]
    return [
        PartyInput(name=f"{a}某{i % 9 + 1}", role=PartyRole.APPLICANT),
        PartyInput(name=f"{b}某{i % 7 + 2}", role=PartyRole.RESPONDENT),
    ]


def _agreement(on: datetime.date, kind: str) -> AgreementInput:
    return AgreementInput(
        facts=f"双方因{TYPE_TITLES[kind]}发生争执，经调解查明事实，分清责任。",
        terms="双方互谅互让，按协议约定解决争议。\n今后和睦相处，不再因此事发生纠纷。",
        performance_method="当面履行，调解员见证",
        performance_due=on + datetime.timedelta(days=15),
    )


def _close_with_follow_up(dispute: Dispute, on: datetime.date, kind: str, *, visit: bool = True) -> None:
    services.dispute_close(
        actor=None, dispute=dispute, status=DisputeStatus.RESOLVED, on=on, agreement=_agreement(on, kind)
    )
    if visit:
        follow_up = dispute.follow_ups.filter(visited_on__isnull=True).first()
        services.follow_up_record(
            actor=None,
            follow_up=follow_up,
            visited_on=follow_up.due_on,
            performance=Performance.PERFORMED,
            notes="协议已履行，双方无异议。",
        )


def load(context: dict) -> None:
    township = context["township"]
    villages = [v for v, _grids in context["villages"]]
    studio = _body(township, "小米书记工作室", BodyKind.STUDIO)
    committee = _body(township, "治平乡人民调解委员会", BodyKind.TOWNSHIP_COMMITTEE)
    village_bodies = [_body(v, f"{v.name}人民调解委员会", BodyKind.VILLAGE_COMMITTEE) for v in villages]
    mediators = []
    for name, kind, unit, where in MEDIATORS:
        body = studio if where == "studio" else committee
        existing = Mediator.objects.filter(area=township, name=name).first()
        mediators.append(
            existing
            or services.mediator_create(
                actor=None,
                area=township,
                name=name,
                kind=kind,
                body=body,
                unit=unit,
                phone=f"1389{len(mediators):03d}6{len(mediators):03d}",
                valid_from=D(2022, 1, 1),
                user=User.objects.filter(username="tiaojie").first() if name == "周调解" else None,
            )
        )
    village_mediators = []
    for i, (village, body) in enumerate(zip(villages, village_bodies, strict=True)):
        name = f"{village.name[:2]}调委会{SURNAMES[i]}主任"
        existing = Mediator.objects.filter(area=village, name=name).first()
        village_mediators.append(
            existing
            or services.mediator_create(
                actor=None, area=village, name=name, kind="committee_member", body=body, valid_from=D(2021, 6, 1)
            )
        )
    leader = User.objects.filter(username="leader").first()

    done = set(Dispute.objects.filter(area__path__startswith=township.path).values_list("title", flat=True))

    def plan(n: int, *, start: int = 0):
        for j in range(n):
            i = start + j
            kind = TYPES[i % len(TYPES)]
            village_index = i % len(villages)
            on = D(2023, 1, 5) + datetime.timedelta(days=(i * 3) % 330)
            # i is unique across the plans (each starts at its own hundred), so the title is too: it is the key
            # that keeps the loader from making a dispute twice.
            title = f"{villages[village_index].name}{TYPE_TITLES[kind]}（{on.year}年第{i + 1}号）"
            yield i, kind, village_index, on, title

    # 简易: mediated on the spot by village mediators and recorded after the fact (62).
    for i, kind, vi, on, title in plan(62):
        if title in done:
            continue
        dispute = services.dispute_record_on_site(
            actor=None,
            on=on,
            agreement=_agreement(on, kind),
            area=villages[vi],
            title=title,
            dispute_type=kind,
            source=DisputeSource.PROACTIVE if i % 3 else DisputeSource.WALK_IN,
            parties=_parties(i),
            body=village_bodies[vi],
            mediators=[village_mediators[vi]],
        )
        follow_up = dispute.follow_ups.first()
        services.follow_up_record(
            actor=None, follow_up=follow_up, visited_on=follow_up.due_on, performance=Performance.PERFORMED
        )

    studio_team = mediators[:6]

    def general(n: int, *, key_group: bool = False, start: int = 100, outcome=DisputeStatus.RESOLVED) -> None:
        for i, kind, vi, on, title in plan(n, start=start):
            if title in done:
                continue
            team = [studio_team[i % 6], studio_team[(i + 1) % 6]]
            dispute = services.dispute_create(
                actor=None,
                area=villages[vi],
                title=title,
                dispute_type=kind,
                tier=Tier.GENERAL,
                source=DisputeSource.MATTER if i % 2 else DisputeSource.WALK_IN,
                parties=_parties(i),
                received_on=on,
                key_group=key_group,
                amount=Decimal(1000 + 250 * (i % 20)),
                body=studio,
                mediators=team,
            )
            services.session_record(
                actor=None,
                dispute=dispute,
                held_on=on + datetime.timedelta(days=3),
                place="小米书记工作室",
                notes="听取双方陈述，释法明理，引导双方协商。",
                parties_present="双方当事人",
            )
            closed_on = on + datetime.timedelta(days=6 + i % 18)
            if outcome == DisputeStatus.RESOLVED:
                _close_with_follow_up(dispute, closed_on, kind)
            else:
                services.dispute_close(
                    actor=None,
                    dispute=dispute,
                    status=outcome,
                    on=closed_on,
                    reason="双方分歧较大，调解不成，已告知当事人可通过仲裁、诉讼等途径解决。",
                )

    general(38)
    general(1, key_group=True, start=200)
    general(2, start=300, outcome=DisputeStatus.FAILED)

    # 疑难: taken over by a township leader with a deadline (3 ordinary + 1 key group), escalated from the studio.
    def difficult(n: int, *, key_group: bool = False, start: int = 400) -> None:
        for i, kind, vi, on, title in plan(n, start=start):
            if title in done:
                continue
            dispute = services.dispute_create(
                actor=None,
                area=villages[vi],
                title=title,
                dispute_type="land_acquisition" if key_group else kind,
                tier=Tier.GENERAL,
                source=DisputeSource.PETITION if key_group else DisputeSource.WALK_IN,
                parties=_parties(i),
                received_on=on,
                key_group=key_group,
                amount=Decimal(20000 + 1000 * (i % 7)),
                body=studio,
                mediators=studio_team[:2],
            )
            services.dispute_escalate(
                actor=None,
                dispute=dispute,
                reason="涉及多户群众、历史遗留问题，工作室难以化解，报请领导包案。",
                on=on + datetime.timedelta(days=10),
                leader=leader,
            )
            _close_with_follow_up(dispute, on + datetime.timedelta(days=35), kind)

    if leader is not None:
        difficult(3)
        difficult(1, key_group=True, start=500)

    # 司法确认 of three studio agreements.
    for dispute in Dispute.objects.filter(body=studio, status=DisputeStatus.RESOLVED).order_by("id")[:3]:
        agreement = dispute.agreement
        if agreement and not agreement.confirmation_applied_on:
            services.confirmation_apply(
                actor=None,
                agreement=agreement,
                applied_on=agreement.effective_on + datetime.timedelta(days=5),
                court="城口县人民法院",
            )
            services.confirmation_decide(
                actor=None,
                agreement=agreement,
                result="confirmed",
                decided_on=agreement.effective_on + datetime.timedelta(days=12),
            )

    # Open cases relative to today: two overdue, one due soon (workbench items).
    today = timezone.localdate()
    for n, (days_ago, tier) in enumerate([(45, Tier.GENERAL), (40, Tier.DIFFICULT), (25, Tier.GENERAL)]):
        title = f"{villages[n].name}{TYPE_TITLES[TYPES[n]]}（在办第{n + 1}件）"
        if Dispute.objects.filter(title=title).exists() or (tier == Tier.DIFFICULT and leader is None):
            continue
        on = today - datetime.timedelta(days=days_ago)
        dispute = services.dispute_create(
            actor=None,
            area=villages[n],
            title=title,
            dispute_type=TYPES[n],
            tier=tier,
            source=DisputeSource.WALK_IN,
            parties=_parties(600 + n),
            received_on=on,
            body=studio,
            mediators=studio_team[4:6],
            leader=leader if tier == Tier.DIFFICULT else None,
        )
        services.session_record(
            actor=None,
            dispute=dispute,
            held_on=on + datetime.timedelta(days=2),
            place="小米书记工作室",
            notes="初次调解，双方未达成一致。",
        )
