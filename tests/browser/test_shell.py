from fazhi.areas.testing import TEST_PASSWORD
from tests.browser.conftest import login


def test_grid_member_sees_the_workbench_on_a_phone(live_server, live_world, phone_page):
    page = phone_page
    login(page, live_server.url, "u_grid_member", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "工作台"
    assert "新红村第1网格 · 网格员" in page.locator("[data-testid=my-posts]").inner_text()
    # The phone layout folds the navigation behind the toggler and never scrolls sideways.
    assert page.locator(".navbar-toggler").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.click(".navbar-toggler")
    page.locator(".dropdown-toggle", has_text="系统").click()
    page.get_by_role("link", name="行政区划").click()
    page.wait_for_url("**/areas/")
    rows = page.locator("[data-testid=area-list] tbody tr")
    assert rows.count() == 1 and "新红村第1网格" in rows.first.inner_text()


def test_five_wrong_passwords_lock_the_account(live_server, live_world, desktop_page):
    page = desktop_page
    for attempt in range(1, 6):
        login(page, live_server.url, "u_leader", f"Wrong-pass{attempt}")
        if attempt < 5:
            assert "用户名或密码错误" in page.content()
    assert page.locator("[data-testid=locked]").is_visible()
    login(page, live_server.url, "u_leader", TEST_PASSWORD)
    assert page.locator("[data-testid=locked]").is_visible()
    assert not page.url.rstrip("/").endswith(live_server.url.split("//")[1])
