"""The workbench and the dashboards in a real browser (issue 24): a grid worker finds the matter just registered,
the county 督察 gets oversight and no to-do, a leader's dashboard draws its charts with their tables, an area
without records says so. The last test writes the README's screenshots of every role's pages from the demo."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.models import Matter
from fazhi.grid.services import matter_create
from tests.browser.conftest import login

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
YEAR = 2024


@pytest.fixture
def seeded_world(live_world):
    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    return live_world


def _matter(world, *, actor=None, on: datetime.date | None = None, text="村道塌方"):
    return matter_create(actor=actor, area=world.grid, category="safety", description=text, source="phone",
                         registered_on=on, happened_on=on)  # fmt: skip


def test_a_grid_worker_finds_the_matter_just_registered_on_the_workbench(live_server, seeded_world, phone_page):
    member = seeded_world.user(Role.GRID_MEMBER)
    matter = _matter(seeded_world, actor=member, text="水渠堵塞需疏通")
    login(phone_page, live_server.url, "u_grid_member", TEST_PASSWORD)
    phone_page.wait_for_url(f"{live_server.url}/")
    mine = phone_page.locator("[data-testid=my-items]")
    assert matter.number in mine.inner_text() and "已登记" in mine.inner_text()
    buttons = phone_page.locator("[data-testid=quick-actions] a")
    assert buttons.all_inner_texts() == ["记录走访", "登记事项"]
    box = buttons.first.bounding_box()
    assert box["height"] >= 44  # a thumb's target on a phone
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_inspector_sees_oversight_and_no_to_do(live_server, seeded_world, desktop_page):
    member = seeded_world.user(Role.GRID_MEMBER)
    overdue = _matter(seeded_world, actor=member)
    Matter.objects.filter(pk=overdue.pk).update(due_date=datetime.date.today() - datetime.timedelta(days=3))
    login(desktop_page, live_server.url, "u_supervisor", TEST_PASSWORD)
    desktop_page.wait_for_url(f"{live_server.url}/")
    assert desktop_page.locator("h1").inner_text().startswith("督察概览")
    assert desktop_page.locator("[data-testid=work-items]").count() == 0
    assert overdue.number not in desktop_page.content()
    row = desktop_page.locator("[data-testid=oversight-timeliness] tr", has_text=seeded_world.township.name)
    assert row.locator("td").first.inner_text().startswith("1 /")


def test_a_leaders_dashboard_draws_its_charts_and_their_tables(live_server, seeded_world, desktop_page):
    for month in (2, 2, 5, 9):
        _matter(seeded_world, on=datetime.date(YEAR, month, 10))
    login(desktop_page, live_server.url, "u_leader", TEST_PASSWORD)
    desktop_page.goto(f"{live_server.url}/reports/dashboard/")
    drawn = desktop_page.locator("[data-chart][data-drawn]")
    drawn.first.wait_for()
    assert drawn.count() == desktop_page.locator("[data-chart]").count() >= 3
    trend = desktop_page.locator("[data-testid=chart-monthly]")
    assert trend.locator("svg path").count() > 3  # a drawn line, not an empty frame
    trend.locator("summary").click()
    february = trend.locator("[data-testid=table-monthly] tr", has_text="2月")
    assert "2" in february.locator("td").all_inner_texts()
    for chart in desktop_page.locator("section[data-testid^=chart-]").all():
        if chart.locator("[data-chart]").count():
            assert chart.locator("table").count() == 1  # each chart has its table
        else:  # nothing to count (this world has no 普法 activities): said so, no chart of zeros
            assert "没有可统计的记录" in chart.inner_text()
    # A point on the chart opens the records it counts.
    href = february.locator("a").first.get_attribute("href")
    assert href.startswith("/reports/metrics/grid.matters_raised/")


def test_an_area_without_records_shows_the_empty_state(live_server, seeded_world, desktop_page):
    _matter(seeded_world, on=datetime.date(YEAR, 3, 1))
    login(desktop_page, live_server.url, "u_supervisor", TEST_PASSWORD)
    area = seeded_world.other_township.pk
    desktop_page.goto(f"{live_server.url}/reports/dashboard/?area={area}&year={YEAR}")
    assert "明通镇还没有任何记录，暂无图表。" in desktop_page.locator("[data-testid=no-data]").inner_text()
    assert desktop_page.locator("[data-chart]").count() == 0


ROLE_PAGES = [
    ("wanggeyuan", "grid-member", ["/"]),
    ("tiaojie", "mediator", ["/"]),
    ("fazhi", "legal-staff", ["/"]),
    ("leader", "leader", ["/", "/reports/dashboard/"]),
    ("ducha", "supervisor", ["/", "/reports/dashboard/county/"]),
]


def test_screenshots_of_each_roles_workbench_and_dashboard(live_server, transactional_db, browser):
    from fazhi.areas.demo import DEMO_PASSWORD

    call_command("load_demo", stdout=open("/dev/null", "w"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, label in ((1366, "desktop"), (375, "phone")):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", is_mobile=width < 500)
        for username, role, paths in ROLE_PAGES:
            page = context.new_page()
            login(page, live_server.url, username, DEMO_PASSWORD)
            page.wait_for_url(f"{live_server.url}/")
            for path in paths:
                page.goto(f"{live_server.url}{path}")
                if "dashboard" in path:
                    page.locator("[data-chart][data-drawn]").first.wait_for()
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (username, path, width)
                name = "workbench" if path == "/" else "dashboard"
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{role}-{label}.png"), full_page=True)
            page.context.clear_cookies()
            page.close()
        context.close()
    assert len(list(SCREENSHOTS.glob("*.png"))) >= 14
