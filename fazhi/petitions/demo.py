"""Demo petitions for 治平乡: the one key petitioner who reached 息访息诉 in 2023 (seed report 一(四) 三), a few
petitions through the 信访工作条例 clock in 2023, and open ones relative to today — one overdue — so the workbench
has items. Names are illustrative. Idempotent: records are looked up by their request text."""

import datetime

from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.petitions import services
from fazhi.petitions.choices import Channel, Decision, Kind, Stabilisation
from fazhi.petitions.models import KeyPetitioner, Petition
from fazhi.petitions.services import PetitionerInput

D = datetime.date


def _petition(area, request: str, **kwargs) -> tuple[Petition, bool]:
    existing = Petition.objects.filter(area=area, request=request).first()
    if existing:
        return existing, False
    return services.petition_register(actor=None, area=area, request=request, **kwargs), True


def load(context: dict) -> None:
    township = context["township"]
    villages = [v for v, _grids in context["villages"]]
    leader = User.objects.filter(username="leader").first()

    # The key petitioner of the seed: years of petitions over a land-compensation claim, 息访息诉 in 2023.
    kp = KeyPetitioner.objects.filter(area=villages[2], name="冉某明").first()
    if kp is None:
        kp = services.key_petitioner_create(
            actor=None,
            area=villages[2],
            name="冉某明",
            since=D(2021, 3, 1),
            responsible_leader=leader,
            appeal="要求增加道路建设占地补偿",
        )
    p, created = _petition(
        villages[2],
        "要求增加道路建设占地补偿款",
        channel=Channel.VISIT,
        kind=Kind.APPEAL,
        petitioners=[PetitionerInput(name="冉某明")],
        received_on=D(2023, 2, 6),
        facts="2019年修建村道占用其承包地0.3亩。",
        reasons="认为补偿标准偏低。",
    )
    if created:
        services.petition_accept(actor=None, petition=p, on=D(2023, 2, 8))
        services.petition_reply(
            actor=None,
            petition=p,
            on=D(2023, 3, 30),
            decision=Decision.EXPLAIN,
            decision_facts="经核实，补偿已按县政府公布的标准足额发放。",
            decision_basis="《土地管理法》第四十八条；县征地补偿标准。",
        )
    if kp.status == Stabilisation.PETITIONING:
        services.key_petitioner_set_status(
            actor=None,
            key_petitioner=kp,
            status=Stabilisation.STABILISING,
            on=D(2023, 4, 10),
            note="领导包案，多次走访释法。",
        )
    if kp.status == Stabilisation.STABILISING:
        services.key_petitioner_visit(
            actor=None,
            key_petitioner=kp,
            visited_on=D(2023, 6, 15),
            visitors="王乡长、黄明辉",
            notes="面对面释法说理，协调解决其孙子入学问题。",
        )
        services.key_petitioner_set_status(
            actor=None, key_petitioner=kp, status=Stabilisation.SETTLED, on=D(2023, 9, 20), note="签订息访息诉承诺书。"
        )
    # A second key petitioner still under stabilisation (not counted).
    if not KeyPetitioner.objects.filter(area=villages[4], name="向某华").exists():
        services.key_petitioner_create(
            actor=None,
            area=villages[4],
            name="向某华",
            since=D(2023, 11, 2),
            responsible_leader=leader,
            appeal="林地权属争议",
            status=Stabilisation.STABILISING,
        )

    # 2023 petitions through the clock: one suggestion answered on time, one extended.
    p, created = _petition(
        township,
        "建议在治平社区增设路灯",
        channel=Channel.ONLINE,
        kind=Kind.SUGGESTION,
        petitioners=[PetitionerInput(name="邓某")],
        received_on=D(2023, 5, 4),
    )
    if created:
        services.petition_accept(actor=None, petition=p, on=D(2023, 5, 6))
        services.petition_reply(
            actor=None,
            petition=p,
            on=D(2023, 6, 1),
            decision=Decision.SUPPORT,
            decision_facts="路段夜间照明不足属实。",
            decision_basis="乡村振兴项目计划。",
        )
    p, created = _petition(
        villages[1],
        "要求解决拖欠务工工资",
        channel=Channel.VISIT,
        kind=Kind.APPEAL,
        petitioners=[
            PetitionerInput(name=n, is_representative=i < 3)
            for i, n in enumerate(["吴某", "郑某", "冯某", "陈某", "褚某", "卫某"])
        ],
        received_on=D(2023, 8, 14),
    )
    if created and leader is not None:
        services.petition_accept(actor=None, petition=p, on=D(2023, 8, 15))
        services.petition_extend(
            actor=None,
            petition=p,
            days=20,
            reason="涉及外地施工企业，需协调县人社局核实。",
            approved_by=leader,
            notified_on=D(2023, 10, 10),
            on=D(2023, 10, 10),
        )
        services.petition_reply(
            actor=None,
            petition=p,
            on=D(2023, 11, 3),
            decision=Decision.SUPPORT,
            decision_facts="施工企业拖欠6名务工人员工资属实，已督促足额支付。",
            decision_basis="《保障农民工工资支付条例》第三条、第三十条。",
        )

    # Open petitions relative to today: one overdue on notice, one due soon on handling.
    today = timezone.localdate()
    p, created = _petition(
        villages[0],
        "反映邻居建房占道影响通行",
        channel=Channel.HOTLINE,
        kind=Kind.APPEAL,
        petitioners=[PetitionerInput(name="秦某")],
        received_on=today - datetime.timedelta(days=20),
    )
    p, created = _petition(
        villages[3],
        "要求核实低保评定结果",
        channel=Channel.LETTER,
        kind=Kind.APPEAL,
        petitioners=[PetitionerInput(name="尤某")],
        received_on=today - datetime.timedelta(days=57),
    )
    if created:
        services.petition_accept(actor=None, petition=p, on=today - datetime.timedelta(days=55))
