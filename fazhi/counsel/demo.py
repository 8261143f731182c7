"""Demo data for 治平乡 2023: one retained legal adviser (the seed: 法律顾问 joined the mediators), monthly duty
days, a few opinions and consultations. Names are illustrative; idempotent."""

import datetime

from fazhi.counsel import services
from fazhi.counsel.choices import OpinionKind
from fazhi.counsel.models import Adviser, Consultation

D = datetime.date

OPINIONS = [
    (D(2023, 3, 14), OpinionKind.CONTRACT_REVIEW, "乡村振兴产业项目合作协议"),
    (D(2023, 6, 20), OpinionKind.DECISION_REVIEW, "集镇污水管网建设项目决策合法性审查"),
    (D(2023, 9, 8), OpinionKind.LEGAL_OPINION, "土地承包经营权流转纠纷处理意见"),
]
CONSULTATIONS = [
    (D(2023, 2, 16), "婚姻家庭", 2, False),
    (D(2023, 4, 11), "土地承包经营权流转", 3, True),
    (D(2023, 7, 5), "拖欠劳务报酬", 4, True),
    (D(2023, 10, 19), "民间借贷", 1, False),
    (D(2023, 11, 23), "赡养纠纷", 2, True),
]


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
