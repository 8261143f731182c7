"""The API documentation loads from this host alone: no web fonts, no CDN logo, no console error."""

from urllib.parse import urlsplit

from fazhi.areas.testing import TEST_PASSWORD
from tests.browser.conftest import login


def test_the_api_docs_load_with_local_assets_only(live_server, live_world, desktop_page):
    page = desktop_page
    hosts, errors = [], []
    page.on("request", lambda r: hosts.append((urlsplit(r.url).hostname, r.url)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, live_server.url, "u_sys_admin", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.get_by_text("法治乡镇工作平台 API").first.wait_for()
    page.wait_for_load_state("networkidle")
    leaving = [
        url for host, url in hosts if host not in ("localhost", "127.0.0.1") and not url.startswith(("data:", "blob:"))
    ]
    assert leaving == [], leaving
    assert not [url for _h, url in hosts if "font" in url], hosts
    assert errors == [], errors
