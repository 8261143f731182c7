"""The report's workflow as a table: draft → final (figures frozen) → submitted to the county (by 1 March,
AR-01) → 保密审查 passed (AR-08) → published (by 1 April, AR-04). Pure data, no database access."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.reports.choices import ReportStatus as S


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    label: str
    permission: str = "reports.change"


TRANSITIONS = [
    Transition(S.DRAFT, "finalise", S.FINAL, _("定稿（冻结数据）")),
    Transition(S.FINAL, "reopen", S.DRAFT, _("退回修改")),
    # 督察工作规定 第二十三条: report to the county 党委和政府 by 1 March.
    Transition(S.FINAL, "submit", S.SUBMITTED, _("报送县委县政府")),
    # 公开前认真审核并开展保密审查 (docs/law.md AR-08, local practice [V2]).
    Transition(S.SUBMITTED, "secrecy_review", S.REVIEWED, _("通过保密审查")),
    # 督察工作规定 第二十四条: publish by 1 April (AR-04).
    Transition(S.REVIEWED, "publish", S.PUBLISHED, _("向社会公开")),
]


def find(source: str, action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.action == action), None)


def available(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]
