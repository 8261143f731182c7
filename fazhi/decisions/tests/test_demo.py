import pytest
from django.urls import reverse

from fazhi.decisions import demo, selectors
from fazhi.decisions.models import Decision, DecisionStatus

pytestmark = pytest.mark.django_db


def test_demo_loads_a_full_procedure_and_an_open_consultation_once(world, client, leader):
    demo.load({"township": world.township})
    demo.load({"township": world.township})
    full = Decision.objects.get(title=demo.FULL_TITLE)
    assert full.status == DecisionStatus.ANNOUNCED and full.evaluated_on is not None
    assert all(s.done for s in selectors.decision_steps(decision=full) if s.required)
    assert full.comments.filter(adopted=True).count() == 1 and full.comments.count() == 3
    assert [d.title for d in selectors.open_consultations(area=world.township)] == [demo.OPEN_TITLE]
    assert Decision.objects.count() == 2
    client.force_login(leader)
    for d in Decision.objects.all():
        page = client.get(reverse("decisions:decision_detail", args=[d.pk])).content.decode()
        assert d.title in page
    assert (
        "乡长 冉东（主要负责人）" in client.get(reverse("decisions:decision_detail", args=[full.pk])).content.decode()
    )
