"""规范性文件办理流程表 (ARCHITECTURE.md rule 3): each row is one lawful step."""

from dataclasses import dataclass

from fazhi.documents.models import DocumentStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    permission: str
    guard: str = ""  # name of a guard function in services.GUARDS


TRANSITIONS = [
    Transition(S.DRAFT, "submit_review", S.REVIEWING, "documents.change", "has_body"),
    # 未经合法性审核或审核不合法 → 不得提请审议 (国办发〔2018〕115号, DOMAIN.md ND-08)
    Transition(S.REVIEWING, "approve_review", S.REVIEWED, "documents.change", "review_period_elapsed"),
    Transition(S.REVIEWING, "return_review", S.DRAFT, "documents.change", "has_opinion"),
    # 集体审议后主要负责人签署 (国办发〔2018〕37号, DOMAIN.md ND-12)
    Transition(S.REVIEWED, "deliberate", S.DELIBERATED, "documents.change"),
    # 统一登记、统一编号、统一公布 (国办发〔2018〕37号, DOMAIN.md ND-13/ND-14)
    Transition(S.DELIBERATED, "issue", S.ISSUED, "documents.change", "has_registration_no"),
    # 有件必备 (国办发〔2018〕37号, DOMAIN.md ND-15)
    Transition(S.ISSUED, "file", S.FILED, "documents.change"),
]

ACTION_LABELS = {
    "submit_review": "提请合法性审核",
    "approve_review": "审核通过",
    "return_review": "退回修改",
    "deliberate": "集体审议通过",
    "issue": "登记编号并公布",
    "file": "报送备案",
}


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)


def actions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]
