"""A township defines a new kind of work ledger in the browser and records entries; each measure becomes a report
figure without a migration (issue 5)."""

import datetime

from django.core.management import call_command

from fazhi.areas.testing import TEST_PASSWORD
from fazhi.core.metrics import Period, refresh
from tests.browser.conftest import login


def test_a_ledger_type_defined_in_the_browser_becomes_report_figures(live_server, live_world, desktop_page):
    page, world = desktop_page, live_world
    login(page, live_server.url, "u_legal_staff", TEST_PASSWORD)
    page.goto(f"{live_server.url}/ledger/")
    page.click("[data-testid=type-create]")
    page.select_option("select[name=area]", label="治平乡")
    page.fill("input[name=name]", "院坝会")
    page.select_option("select[name=section]", value="publicity")
    page.fill("input[name=m-0-name]", "场次")
    page.fill("input[name=m-0-unit]", "场次")
    page.fill("input[name=m-1-name]", "参会群众")
    page.fill("input[name=m-1-unit]", "人次")
    page.click("[data-testid=type-form] button")
    assert "已新建台账类型“院坝会”" in page.content()
    type_url = page.url

    for day, sessions, people in (("2023-03-02", "1", "45"), ("2023-08-09", "2", "80")):
        page.click("[data-testid=entry-create]")
        page.select_option("select[name=area]", label="新红村")
        page.fill("input[name=occurred_on]", day)
        page.get_by_label("场次（场次）").fill(sessions)
        page.get_by_label("参会群众（人次）").fill(people)
        page.click("[data-testid=entry-form] button")
        assert "已登记“院坝会”台账记录" in page.content()

    # Bad input: a negative count is refused in Chinese and nothing is added.
    page.click("[data-testid=entry-create]")
    page.select_option("select[name=area]", label="新红村")
    page.fill("input[name=occurred_on]", "2023-09-01")
    page.get_by_label("场次（场次）").fill("1")
    page.get_by_label("参会群众（人次）").fill("-3")
    page.click("[data-testid=entry-form] button")
    assert "不能为负数" in page.content()

    page.goto(f"{type_url}?year=2023")
    metrics_text = page.locator("[data-testid=metrics]").inner_text()
    assert "3 场次" in metrics_text and "125 人次" in metrics_text

    from fazhi.ledger.metrics import sync_ledger_metrics

    keys = sync_ledger_metrics()
    period = Period(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    metrics = refresh()
    values = sorted(metrics[key].value(area=world.township, period=period) for key in keys)
    assert values == [3, 125]
    call_command("makemigrations", "ledger", "--check", "--dry-run", verbosity=0)
