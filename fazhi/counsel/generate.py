"""Synthetic 法律服务 for benchmarks, like the demo: per township one retained legal adviser on duty the 15th of every
month and the villages' adviser, and every year the demo's three opinions, five consultations (three referred to
mediation), four contracts reviewed before signing (修改后通过 and 通过 then signed, one 不通过, one awaiting review
in the last year), a 行政复议 upheld and a 行政诉讼 lost with the 乡长 appearing in court.

Rows go in with bulk_create, so this module keeps what the services check: dates inside the adviser's contract,
review before signing and only after passing (the DB constraint), a closing date and outcome together, the hearing
between filing and closing, and 案号 unique per kind. See fazhi/people/generate.py.
"""

import datetime
import random
from decimal import Decimal

from fazhi.counsel.choices import AdviserLevel, CaseKind, ReviewConclusion
from fazhi.counsel.demo import CASES, CONSULTATIONS, CONTRACTS, OPINIONS
from fazhi.counsel.models import Adviser, Consultation, ContractReview, CourtAppearance, DutyDay, LegalCase, Opinion
from fazhi.people.generate import name, township_randoms, years

BATCH = 2000
D = datetime.date


def _near(rng: random.Random, demo_day: datetime.date, year: int) -> datetime.date:
    """The demo's day in `year`, moved up to a week earlier (never past a later step of the demo's own order)."""
    return demo_day.replace(year=year) - datetime.timedelta(days=rng.randrange(7))


def generate(context: dict) -> None:
    streams = township_randoms(context, __name__)
    spans = years(context)
    townships = context["townships"]
    advisers = Adviser.objects.bulk_create(
        [
            Adviser(
                area=t,
                name=f"{name(streams[t.pk])}律师",
                firm="重庆某律师事务所",
                level=AdviserLevel.TOWNSHIP,
                contract_from=D(spans[0], 1, 1),
                contract_to=D(spans[-1] + 2, 12, 31),
            )
            for t in townships
        ]
    )
    # As the demo's 吴律师: the villages' adviser on each township's register, retained from the second year.
    Adviser.objects.bulk_create(
        [
            Adviser(
                area=t,
                name=f"{name(streams[t.pk])}律师",
                firm="重庆某律师事务所",
                level=AdviserLevel.VILLAGE,
                contract_from=D(spans[min(1, len(spans) - 1)], 3, 1),
                contract_to=D(spans[-1] + 2, 12, 31),
            )
            for t in townships
        ]
    )
    days, opinions, consultations, contracts, cases, hearings = [], [], [], [], [], []
    number = 0
    for township, adviser in zip(townships, advisers, strict=True):
        rng = streams[township.pk]
        for year in spans:
            days += [
                DutyDay(adviser=adviser, on=D(year, m, 15), place=f"{township.name}便民服务中心") for m in range(1, 13)
            ]
            opinions += [
                Opinion(adviser=adviser, issued_on=_near(rng, on, year), kind=kind, subject=subject)
                for on, kind, subject in OPINIONS
            ]
            consultations += [
                Consultation(
                    area=township,
                    received_on=_near(rng, on, year),
                    topic=topic,
                    headcount=headcount,
                    referred_to_mediation=referred,
                    adviser=adviser,
                )
                for on, topic, headcount, referred in CONSULTATIONS
            ]
            contracts += [_contract(township, adviser, year, row, rng, last=year == spans[-1]) for row in CONTRACTS]
            for kind, _no, claimant, subject, filed, organ, outcome, closed, appearance in CASES:
                number += 1
                shift = datetime.timedelta(days=rng.randrange(7))
                case = LegalCase(
                    area=township,
                    kind=kind,
                    case_number=_case_number(kind, year, number),
                    claimant=claimant,
                    subject=subject,
                    filed_on=filed.replace(year=year) - shift,
                    organ=organ.replace("城口县", "合成县"),
                    outcome=outcome,
                    closed_on=closed.replace(year=year) - shift,
                )
                cases.append(case)
                if appearance:  # 行政诉讼法 第三条第三款 (docs/law.md REC-05): between filing and closing
                    on, _who, post, principal = appearance
                    hearings.append(
                        CourtAppearance(
                            case=case,
                            hearing_on=on.replace(year=year) - shift,
                            leader_name=name(rng),
                            leader_post=post,
                            is_principal=principal,
                        )
                    )
    for model, rows in [
        (DutyDay, days),
        (Opinion, opinions),
        (Consultation, consultations),
        (ContractReview, contracts),
        (LegalCase, cases),
        (CourtAppearance, hearings),
    ]:
        model.objects.bulk_create(rows, batch_size=BATCH)


def _case_number(kind: str, year: int, n: int) -> str:
    if kind == CaseKind.RECONSIDERATION:
        return f"合府复〔{year}〕{n}号"
    return f"（{year}）渝0299行初{n}号"


def _contract(township, adviser, year: int, row, rng, *, last: bool) -> ContractReview:
    title, party, amount, submitted, reviewed, conclusion, opinion, signed = row
    contract = ContractReview(
        area=township,
        title=title,
        counterparty=party.replace("城口县", "合成县"),
        amount=Decimal(amount) * rng.randrange(6, 15) / 10,
        drafting_unit="乡党政办",
        submitted_on=submitted.replace(year=year),
    )
    if reviewed is None and not last:  # the demo's contract still awaiting review: in earlier years it passed
        reviewed, conclusion = submitted + datetime.timedelta(days=5), ReviewConclusion.PASSED
        signed = submitted + datetime.timedelta(days=12)
    if reviewed:
        contract.reviewer, contract.reviewed_on = adviser, reviewed.replace(year=year)
        contract.conclusion, contract.opinion = conclusion, opinion
    if signed:  # only after passing review (counsel_contract_signed_after_passing_review)
        contract.signed_on = signed.replace(year=year)
    return contract
