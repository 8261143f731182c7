"""Demo data for 治平乡 2023: one retained legal adviser (the seed: 法律顾问 joined the mediators), monthly duty
days, a few opinions and consultations, the villages' adviser on the township's register, contracts reviewed before
signing (one sent back), and one reconsideration and one litigation case with the 乡长 appearing in court. Names are
illustrative; idempotent."""

import datetime
from decimal import Decimal

from fazhi.counsel import services
from fazhi.counsel.choices import AdviserLevel, CaseKind, CaseOutcome, OpinionKind, ReviewConclusion
from fazhi.counsel.models import Adviser, Consultation, ContractReview, LegalCase

D = datetime.date

OPINIONS = [
    (D(2023, 3, 14), OpinionKind.CONTRACT_REVIEW, "乡村振兴产业项目合作协议"),
    (D(2023, 6, 20), OpinionKind.DECISION_REVIEW, "集镇污水管网建设项目决策合法性审查"),
    (D(2023, 9, 8), OpinionKind.PETITION_DISPUTE, "土地承包经营权流转纠纷处理意见"),
]
CONSULTATIONS = [
    (D(2023, 2, 16), "婚姻家庭", 2, False),
    (D(2023, 4, 11), "土地承包经营权流转", 3, True),
    (D(2023, 7, 5), "拖欠劳务报酬", 4, True),
    (D(2023, 10, 19), "民间借贷", 1, False),
    (D(2023, 11, 23), "赡养纠纷", 2, True),
]

# title, counterparty, amount, submitted, reviewed, conclusion, opinion, signed
CONTRACTS = [
    (
        "乡村振兴产业项目合作协议",
        "城口县某农业开发有限公司",
        "800000",
        D(2023, 3, 6),
        D(2023, 3, 14),
        ReviewConclusion.PASSED_WITH_CHANGES,
        "违约责任条款约定不明，建议明确违约金计算方式后签订。",
        D(2023, 3, 20),
    ),
    (
        "集镇保洁服务采购合同",
        "城口县某物业服务有限公司",
        "96000",
        D(2023, 5, 8),
        D(2023, 5, 12),
        ReviewConclusion.PASSED,
        "",
        D(2023, 5, 15),
    ),
    (
        "闲置校舍租赁合同",
        "李某",
        "12000",
        D(2023, 8, 1),
        D(2023, 8, 4),
        ReviewConclusion.REJECTED,
        "租期超过二十年，违反民法典第七百零五条，且未经集体讨论，不予通过。",
        None,
    ),
    ("便民服务中心维修工程施工合同", "城口县某建筑工程有限公司", "238000", D(2023, 11, 2), None, "", "", None),
]
# kind, number, claimant, subject, filed, organ, outcome, closed, appearance (date, name, post, principal)
CASES = [
    (
        CaseKind.RECONSIDERATION,
        "城府复〔2023〕17号",
        "张某",
        "责令限期拆除违法建筑决定",
        D(2023, 4, 10),
        "城口县人民政府",
        CaseOutcome.UPHELD,
        D(2023, 6, 2),
        None,
    ),
    (
        CaseKind.LITIGATION,
        "（2023）渝0229行初45号",
        "某养殖专业合作社",
        "行政处罚决定（罚款）",
        D(2023, 7, 3),
        "城口县人民法院",
        CaseOutcome.REVOKED,
        D(2023, 10, 26),
        (D(2023, 9, 14), "王乡长", "乡长", True),
    ),
]


def _contracts(township, adviser) -> None:
    for title, party, amount, submitted, reviewed, conclusion, opinion, signed in CONTRACTS:
        if ContractReview.objects.filter(area=township, title=title).exists():
            continue
        contract = services.contract_create(
            actor=None,
            area=township,
            title=title,
            counterparty=party,
            drafting_unit="乡党政办",
            submitted_on=submitted,
            amount=Decimal(amount),
        )
        if reviewed:
            services.contract_review(
                actor=None,
                contract=contract,
                reviewer=adviser,
                reviewed_on=reviewed,
                conclusion=conclusion,
                opinion=opinion,
            )
        if signed:
            services.contract_sign(actor=None, contract=contract, signed_on=signed)


def _cases(township) -> None:
    for kind, number, claimant, subject, filed, organ, outcome, closed, appearance in CASES:
        if LegalCase.objects.filter(kind=kind, case_number=number).exists():
            continue
        case = services.legal_case_create(
            actor=None,
            area=township,
            kind=kind,
            case_number=number,
            claimant=claimant,
            subject=subject,
            filed_on=filed,
            organ=organ,
        )
        if appearance:
            hearing_on, name, post, principal = appearance
            services.court_appearance_add(
                actor=None,
                case=case,
                hearing_on=hearing_on,
                leader_name=name,
                leader_post=post,
                is_principal=principal,
            )
        services.legal_case_close(actor=None, case=case, outcome=outcome, closed_on=closed)


def load(context: dict) -> None:
    township = context["township"]
    adviser = Adviser.objects.filter(area=township, name="周律师").first()
    if adviser is None:
        adviser = services.adviser_create(
            actor=None,
            area=township,
            name="周律师",
            firm="重庆某律师事务所",
            contract_from=D(2023, 1, 1),
            contract_to=D(2025, 12, 31),
        )
        for month in range(1, 13):
            services.duty_day_add(actor=None, adviser=adviser, on=D(2023, month, 15), place="小米书记工作室")
        for issued_on, kind, subject in OPINIONS:
            services.opinion_add(actor=None, adviser=adviser, issued_on=issued_on, kind=kind, subject=subject)
    if not Adviser.objects.filter(area=township, name="吴律师").exists():
        # The villages' adviser, kept on the township's register (一村（社区）一法律顾问).
        services.adviser_create(
            actor=None,
            area=township,
            name="吴律师",
            firm="重庆某律师事务所",
            level=AdviserLevel.VILLAGE,
            contract_from=D(2023, 3, 1),
            contract_to=D(2025, 12, 31),
        )
    if not Consultation.objects.filter(area=township).exists():
        for received_on, topic, headcount, referred in CONSULTATIONS:
            services.consultation_create(
                actor=None,
                area=township,
                received_on=received_on,
                topic=topic,
                headcount=headcount,
                referred_to_mediation=referred,
                adviser=adviser,
            )
    _contracts(township, adviser)
    _cases(township)
