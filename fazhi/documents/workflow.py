"""规范性文件办理流程表 (ARCHITECTURE.md rule 3): each row is one lawful step; no step can be skipped."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.documents.choices import DocumentStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    permission: str
    guard: str = ""  # name of a guard function in services.GUARDS
    via: str = ""  # "" = the generic step form; "review" / "cleanup" = only through that form's service


TRANSITIONS = [
    # 涉及群众切身利益的须公开征求意见，不少于7个工作日 (示范指标 ind.24, docs/law.md ND-07)
    Transition(S.DRAFT, "start_consultation", S.CONSULTING, "documents.change", "consultation_required"),
    Transition(S.CONSULTING, "end_consultation", S.DRAFT, "documents.change", "consultation_period_elapsed"),
    Transition(S.DRAFT, "submit_review", S.REVIEWING, "documents.change", "ready_for_review"),
    # 未经合法性审核或审核不合法 → 不得提请审议 (国办发〔2018〕115号, docs/law.md ND-08)
    Transition(S.REVIEWING, "approve_review", S.REVIEWED, "documents.change", "review_passes", "review"),
    Transition(S.REVIEWING, "return_review", S.DRAFT, "documents.change", "review_returns", "review"),
    # 集体审议后主要负责人签署 (国办发〔2018〕37号, docs/law.md ND-12)
    Transition(S.REVIEWED, "deliberate", S.DELIBERATED, "documents.change", "has_meeting"),
    # 统一登记、统一编号、统一公布 (国办发〔2018〕37号, docs/law.md ND-13/ND-14)
    Transition(S.DELIBERATED, "issue", S.ISSUED, "documents.change", "has_registration_no"),
    # 有件必备 (国办发〔2018〕37号, docs/law.md ND-15)
    Transition(S.ISSUED, "file", S.FILED, "documents.change"),
    # 动态清理 (纲要（九）, docs/law.md ND-16): 废止 only as a clean-up decision
    Transition(S.ISSUED, "repeal", S.REPEALED, "documents.change", "", "cleanup"),
    Transition(S.FILED, "repeal", S.REPEALED, "documents.change", "", "cleanup"),
]

ACTION_LABELS = {
    "create": _("起草"),
    "update": _("修改草案"),
    "start_consultation": _("公开征求意见"),
    "end_consultation": _("征求意见结束"),
    "submit_review": _("提请合法性审核"),
    "approve_review": _("审核通过"),
    "return_review": _("退回修改"),
    "deliberate": _("集体审议通过"),
    "issue": _("登记编号并公布"),
    "file": _("报送备案"),
    "repeal": _("废止"),
}

# Why a step is refused when the document is not yet where the step starts (国办发〔2018〕115号, docs/law.md ND-08).
SKIP_MESSAGES = {
    "deliberate": _("未经合法性审核或审核未通过的文件，不得提请集体审议。"),
    "issue": _("文件须经合法性审核通过并经集体审议后方可登记公布，不得跳过审核直接公布。"),
    "file": _("文件须先登记编号并公布，方可报送备案。"),
}


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)


def actions_from(source: str, *, via: str = "") -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and t.via == via]
