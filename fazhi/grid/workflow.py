"""The matter (群众说事) workflow as a table: pure data and guards, no database access."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.grid.choices import MatterStatus as S


@dataclass(frozen=True)
class Transition:
    source: tuple[str, ...]
    action: str
    target: str
    label: str
    guard: Callable[[dict], str | None] | None = None  # returns a Chinese error or None


def _needs_result(data: dict) -> str | None:
    if not (data.get("result") or "").strip():
        return str(_("办结须填写办理结果。"))
    return None


def _needs_satisfaction(data: dict) -> str | None:
    from fazhi.grid.choices import Satisfaction

    if data.get("satisfaction") not in Satisfaction.values:
        return str(_("回访须选择群众满意度。"))
    return None


def _needs_handler(data: dict) -> str | None:
    if not data.get("handler"):
        return str(_("请选择承办人。"))
    return None


OPEN = (S.REGISTERED, S.IN_PROGRESS)

TRANSITIONS = [
    Transition((S.REGISTERED, S.IN_PROGRESS), "assign", S.IN_PROGRESS, _("交办/认领"), _needs_handler),
    Transition((S.REGISTERED,), "start", S.IN_PROGRESS, _("开始办理")),
    Transition(OPEN, "close", S.CLOSED, _("办结"), _needs_result),
    Transition(OPEN, "transfer_mediation", S.TO_MEDIATION, _("转调解")),
    Transition(OPEN, "transfer_petition", S.TO_PETITION, _("转信访")),
    Transition((S.CLOSED,), "follow_up", S.FOLLOWED_UP, _("回访"), _needs_satisfaction),
]

BY_ACTION = {t.action: t for t in TRANSITIONS}


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if status in t.source]
