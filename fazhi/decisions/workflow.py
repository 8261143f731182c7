"""重大行政决策程序流程表 (ARCHITECTURE.md rule 3)."""

from dataclasses import dataclass

from fazhi.decisions.models import DecisionStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    permission: str
    guard: str = ""


TRANSITIONS = [
    # 公开征求意见 (条例 第十五条, DOMAIN.md MD-07)
    Transition(S.DRAFT, "open_comment", S.CONSULTING, "decisions.change"),
    Transition(S.CONSULTING, "submit_review", S.REVIEWING, "decisions.change", "comment_period_elapsed"),
    # 合法性审查后集体讨论 (条例 第二十五至三十条, DOMAIN.md MD-12/MD-14)
    Transition(S.REVIEWING, "discuss", S.DISCUSSED, "decisions.change", "review_period_elapsed"),
]

ACTION_LABELS = {"open_comment": "公开征求意见", "submit_review": "提交合法性审查", "discuss": "集体讨论决定"}


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)
