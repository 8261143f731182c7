import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.decisions import services
from fazhi.decisions.models import Decision

D = datetime.date
DRAFT = "第一条 建设集镇污水处理站一座。\n第二条 管网覆盖集镇全域。\n第三条 运营费用由乡财政保障。"


@pytest.fixture
def leader(world):
    return world.user(Role.LEADER)


@pytest.fixture
def decision(world) -> Decision:
    return services.decision_create(
        actor=None,
        area=world.township,
        title="治平乡集镇污水处理设施建设",
        year=2023,
        summary="新建集镇污水处理站及配套管网。",
        consultation_text=DRAFT,
        expert_required=True,
        risk_required=True,
    )


def open_comment(decision, actor, start: datetime.date) -> Decision:
    """Open the shortest lawful comment period; it ends later than start + 30 when that day is a rest day."""
    services.catalogue_publish(actor=actor, decision=decision, on=start)
    _, ends_on = services.earliest_end("decisions.public_comment", start)
    return services.decision_transition(
        actor=actor, decision=decision, action="open_comment", on=start, ends_on=ends_on
    )


def prepare_for_decision(decision, actor, *, principal_last=True) -> Decision:
    """Every step up to the meeting, with the comment period 2023-03-01..03-31 and review from 04-03."""
    open_comment(decision, actor, D(2023, 3, 1))
    services.decision_transition(actor=actor, decision=decision, action="submit_review", on=D(2023, 4, 3))
    Decision.objects.filter(pk=decision.pk).update(comment_handling="采纳1条，未采纳2条并说明理由。")
    services.expert_opinion_add(
        actor=actor, decision=decision, expert="李工", opinion="工艺可行。", given_on=D(2023, 4, 5)
    )
    services.risk_record(
        actor=actor, decision=decision, risk_assessor="乡综治办", risk_level="low", risk_conclusion="风险可控。"
    )
    services.review_record(
        actor=actor,
        decision=decision,
        reviewer="乡司法所",
        review_conclusion="legal",
        review_opinion="权限、程序、内容均合法。",
        reviewed_on=D(2023, 4, 11),
    )
    services.discussion_record(
        actor=actor, decision=decision, meeting="乡政府常务会议", attendees="乡长、副乡长", outcome="同意建设。"
    )
    services.statement_add(actor=actor, decision=decision, speaker="副乡长", statement="同意。")
    if principal_last:
        services.statement_add(actor=actor, decision=decision, speaker="乡长", statement="同意。", is_principal=True)
    decision.refresh_from_db()
    return decision
