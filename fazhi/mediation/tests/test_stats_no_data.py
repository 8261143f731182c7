"""The statistics page tells "no data" from zero: a share over no resolved disputes is 无数据 with the reason, never
"—%"; a real 0 is shown as 0."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.metrics import Period
from fazhi.mediation import selectors
from fazhi.mediation.tests.conftest import make_dispute


def test_a_year_without_resolved_disputes_says_no_data_and_why(world, client, studio, mediator):
    make_dispute(world, body=studio, mediators=[mediator], received_on=datetime.date(2023, 3, 1))  # open, not resolved
    client.force_login(world.user(Role.LEADER))
    html = client.get(reverse("mediation:stats"), {"year": 2023}).content.decode()
    assert "—%" not in html
    assert html.count('data-testid="no-data"') == 4
    assert "该年度没有调解成功的纠纷" in html and "该年度没有结案的纠纷" in html


def test_a_real_zero_share_is_shown_as_zero_not_as_no_data(world):
    summary = {
        **selectors.summary(area=world.township, period=Period.year(2023)),
        "success_rate": 0.0,
        "in_village_share": 0.0,
        "in_township_share": 100.0,
        "avg_days": 0.0,
    }
    html = render_to_string("mediation/stats.html", {"summary": summary, "area": world.township, "year": 2023})
    assert 'data-testid="no-data"' not in html and "0.0%" in html
