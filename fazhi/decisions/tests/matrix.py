from django.core.files.base import ContentFile

from fazhi.accounts.roles import CHANGE, VIEW, Module, Role, role_allows
from fazhi.areas.testing import Case
from fazhi.decisions.models import Decision, DecisionAttachment, PublicComment

VIEWERS = frozenset(r for r in Role if role_allows(r, Module.DECISIONS, VIEW))
CHANGERS = frozenset(r for r in Role if role_allows(r, Module.DECISIONS, CHANGE))


def _decision(world, area):
    return {"pk": Decision.objects.create(area=area, title="矩阵测试决策", year=2023).pk}


def _comment(world, area):
    d = Decision.objects.create(area=area, title="矩阵测试决策", year=2023)
    return {"pk": d.pk, "comment_pk": PublicComment.objects.create(decision=d, text="意见").pk}


def _attachment(world, area):

    d = Decision.objects.create(area=area, title="矩阵测试决策", year=2023)
    a = DecisionAttachment.objects.create(decision=d, step="review", file=ContentFile(b"x", name="op.txt"))
    return {"pk": a.pk}


CASES = [
    Case("decisions:decision_list", VIEWERS),
    Case("decisions:decision_create", CHANGERS),
    Case("decisions:decision_detail", VIEWERS, kwargs=_decision),
    Case("decisions:decision_update", CHANGERS, kwargs=_decision),
    Case("decisions:decision_archive", VIEWERS, kwargs=_decision),
    Case("decisions:decision_transition", CHANGERS, method="post", kwargs=_decision, data={"action": "submit_review"}),
    Case("decisions:decision_catalogue", CHANGERS, method="post", kwargs=_decision, data={"on": "2023-02-01"}),
    Case(
        "decisions:decision_step",
        CHANGERS,
        method="post",
        kwargs=lambda w, a: {**_decision(w, a), "step": "risk"},
        data={"risk_assessor": "综治办", "risk_level": "low", "risk_conclusion": "可控"},
    ),
    Case("decisions:decision_attachment", CHANGERS, method="post", kwargs=_decision, data={"step": "review"}),
    Case("decisions:comment_moderate", CHANGERS, method="post", kwargs=_comment, data={"status": "approved"}),
    Case("decisions:attachment_download", VIEWERS, kwargs=_attachment),
    Case("api:decisions-decision-list", VIEWERS),
    Case("api:decisions-decision-detail", VIEWERS, kwargs=_decision),
]
