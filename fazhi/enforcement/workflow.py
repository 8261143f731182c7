"""行政执法案件流程表 (ARCHITECTURE.md rule 3)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.enforcement.choices import CaseStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    permission: str
    guard: str = ""


TRANSITIONS = [
    # 重大执法决定法制审核 (国办发〔2018〕118号; docs/law.md LE-10)
    Transition(S.OPEN, "legal_review", S.LEGAL_REVIEWED, "enforcement.change", "review_approved"),
    Transition(S.OPEN, "decide", S.DECIDED, "enforcement.change", "decide_allowed"),
    Transition(S.LEGAL_REVIEWED, "decide", S.DECIDED, "enforcement.change", "decide_allowed"),
    # 事后公开 (docs/law.md LE-04)
    Transition(S.DECIDED, "publish", S.PUBLISHED, "enforcement.change"),
]

ACTION_LABELS = {
    "assign": _("指派执法人员"),
    "legal_review": _("法制审核通过"),
    "decide": _("作出决定"),
    "publish": _("公示"),
    "withdraw": _("撤下公示"),
}


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)
