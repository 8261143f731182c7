"""重大行政决策程序流程表 (ARCHITECTURE.md rule 3)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.decisions.models import DecisionStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    permission: str
    guard: str = ""


TRANSITIONS = [
    # 公开征求意见 (条例 第十五条, docs/law.md MD-07)
    Transition(S.DRAFT, "open_comment", S.CONSULTING, "decisions.change", "comment_period_valid"),
    Transition(S.CONSULTING, "submit_review", S.REVIEWING, "decisions.change", "comment_period_ended"),
    # A decision that needs no public participation goes straight to review (条例 第十四条 "除依法不予公开外").
    Transition(S.DRAFT, "submit_review", S.REVIEWING, "decisions.change", "participation_not_required"),
    # 合法性审查后集体讨论决定 (条例 第二十五至三十条, docs/law.md MD-12/MD-14)
    Transition(S.REVIEWING, "discuss", S.DISCUSSED, "decisions.change", "ready_to_decide"),
    # 公布 (条例 第三十二条, docs/law.md MD-16)
    Transition(S.DISCUSSED, "announce", S.ANNOUNCED, "decisions.change"),
]

ACTION_LABELS = {
    "open_comment": _("公开征求意见"),
    "submit_review": _("提交合法性审查"),
    "discuss": _("集体讨论决定"),
    "announce": _("公布决定"),
}


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)


def actions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]
