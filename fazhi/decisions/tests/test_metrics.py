import pytest

from fazhi.core.metrics import Period, refresh
from fazhi.decisions import services
from fazhi.decisions.models import Decision, PublicComment
from fazhi.decisions.tests.conftest import D, prepare_for_decision

pytestmark = pytest.mark.django_db


def test_figures_count_decisions_by_step_completion(world, decision, leader):
    prepare_for_decision(decision, leader)
    services.decision_transition(actor=leader, decision=decision, action="discuss", on=D(2023, 4, 20))
    PublicComment.objects.create(decision=decision, text="甲", adopted=True)
    PublicComment.objects.create(decision=decision, text="乙", adopted=False)
    short = Decision.objects.create(area=world.township, title="缺专家论证", year=2023, expert_required=True)
    Decision.objects.filter(pk=short.pk).update(
        discussed_on=D(2023, 6, 1), review_conclusion="legal", participation_required=False
    )
    year = Period.year(2023)
    metrics = refresh()
    value = {k: metrics[k].value(area=world.township, period=year) for k in metrics if k.startswith("decisions.")}
    assert value["decisions.decided"] == 2
    assert value["decisions.full_procedure"] == 1
    assert value["decisions.catalogued"] == 1
    this_year = Period(D(2000, 1, 1), D(2100, 1, 1))
    assert metrics["decisions.comments"].value(area=world.township, period=this_year) == 2
    assert metrics["decisions.comments_adopted"].value(area=world.township, period=this_year) == 1
    assert metrics["decisions.decided"].value(area=world.other_township, period=year) == 0
