"""The workbench per role: only what the user can act on is a to-do; recent registrations, arrivals, counts and
quick actions; long-overdue items folded; the read-only county 督察 gets the oversight page instead."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.models import Matter
from fazhi.grid.services import matter_create

TODAY = timezone.localdate()


@pytest.fixture
def seeded(world):
    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    return world


def _matter(world, *, actor, area=None, due: datetime.date | None = None, text="村道塌方"):
    m = matter_create(
        actor=actor, area=area or world.grid, category="safety", description=text, source="phone", handler=actor
    )
    if due is not None:  # the statutory clock starts today; the test moves the deadline it would reach
        Matter.objects.filter(pk=m.pk).update(due_date=due)
    return m


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, testid: str) -> str:
    start = page.find(f'data-testid="{testid}"')
    return page[start : page.find("</ul>", start)] if start >= 0 else ""


def test_a_grid_worker_sees_what_they_registered_with_its_state_and_their_quick_actions(seeded, client):
    member = seeded.user(Role.GRID_MEMBER)
    m = _matter(seeded, actor=member, text="路灯损坏无人修")
    page = _page(client, member)
    mine = _section(page, "my-items")
    assert m.number in mine and "已登记" in mine
    actions = _section(page, "quick-actions") or page[page.find('data-testid="quick-actions"') :][:600]
    assert "记录走访" in actions and "登记事项" in actions


def test_due_this_week_is_at_the_top_and_long_overdue_is_folded_with_a_count(seeded, client):
    member = seeded.user(Role.GRID_MEMBER)
    soon = _matter(seeded, actor=member, due=TODAY + datetime.timedelta(days=3), text="本周到期")
    late = _matter(seeded, actor=member, due=TODAY - datetime.timedelta(days=5), text="刚逾期")
    old = _matter(seeded, actor=member, due=TODAY - datetime.timedelta(days=90), text="久拖未办")
    page = _page(client, member)
    top = _section(page, "work-items")
    assert soon.number in top and late.number in top and old.number not in top
    folded = page[page.find('data-testid="long-overdue"') :]
    assert "逾期超过30天 1 项" in folded and old.number in folded.split("</details>")[0]


def test_a_leader_who_may_only_view_the_grid_gets_no_grid_to_do(seeded, client):
    member = seeded.user(Role.GRID_MEMBER)
    m = _matter(seeded, actor=member, due=TODAY - datetime.timedelta(days=2))
    page = _page(client, seeded.user(Role.LEADER))
    assert m.number not in page
    assert "数据看板" in page  # the leader's own quick action


def test_a_matter_registered_by_someone_else_in_my_grid_arrives_on_my_workbench(seeded, client):
    other = _matter(seeded, actor=None, text="村民来电反映")
    page = _page(client, seeded.user(Role.GRID_MEMBER))
    assert other.number in _section(page, "arrived-items")
    assert other.number not in _section(page, "my-items")


def test_the_county_inspector_gets_the_oversight_page_and_no_to_do(seeded, client):
    member = seeded.user(Role.GRID_MEMBER)
    m = _matter(seeded, actor=member, due=TODAY - datetime.timedelta(days=3))
    _matter(seeded, actor=member, due=TODAY + datetime.timedelta(days=2))
    page = _page(client, seeded.user(Role.SUPERVISOR))
    assert "督察概览" in page and 'data-testid="work-items"' not in page and m.number not in page
    table = page[page.find('data-testid="oversight-timeliness"') :].split("</table>")[0]
    row = table[table.find(seeded.township.name) :].split("</tr>")[0]
    assert ">1</span> / 1" in row  # one overdue, one due within the week
    assert seeded.other_township.name in table and "未建报告" in table


def test_the_workbench_query_count_does_not_grow_with_the_records(seeded, client):
    member = seeded.user(Role.GRID_MEMBER)
    client.force_login(member)
    _matter(seeded, actor=member, due=TODAY + datetime.timedelta(days=1))
    client.get(reverse("core:workbench"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:workbench"))
    for n in range(6):
        _matter(seeded, actor=member, due=TODAY - datetime.timedelta(days=40 * n), text=f"事项{n}")
        _matter(seeded, actor=None, text=f"来电{n}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:workbench"))
    assert len(many) == len(few)


def test_the_oversight_page_query_count_does_not_grow_with_townships_or_records(seeded, client):
    from fazhi.areas.models import Level
    from fazhi.areas.testing import make_area

    client.force_login(seeded.user(Role.SUPERVISOR))
    client.get(reverse("core:workbench"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:workbench"))
    for n in range(3):
        make_area(seeded.county, Level.TOWNSHIP, f"新设{n}镇", f"5002291{n + 10}000")
        _matter(seeded, actor=None, due=TODAY - datetime.timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("core:workbench")).content.decode()
    assert "新设2镇" in page
    assert len(many) == len(few)
