"""行政执法案件流程表 (ARCHITECTURE.md rule 3)."""

from dataclasses import dataclass

from fazhi.enforcement.models import CaseStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    permission: str
    guard: str = ""


TRANSITIONS = [
    # 重大执法决定法制审核 (DOMAIN.md LE-10)
    Transition(S.OPEN, "legal_review", S.LEGAL_REVIEWED, "enforcement.change", "two_certified_officers"),
    Transition(S.OPEN, "decide", S.DECIDED, "enforcement.change", "decide_allowed"),
    Transition(S.LEGAL_REVIEWED, "decide", S.DECIDED, "enforcement.change", "decide_allowed"),
    # 事后公开 (DOMAIN.md LE-04)
    Transition(S.DECIDED, "publish", S.PUBLISHED, "enforcement.change"),
]

ACTION_LABELS = {"legal_review": "法制审核通过", "decide": "作出决定", "publish": "公示"}


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)
