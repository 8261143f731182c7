"""On a phone: a visit raises a matter, the matter becomes a dispute, and at each step the household and the
parties the first record knew are there — nothing typed twice. And the resident search never puts a full ID or
phone number in a URL the page requests."""

from django.core.management import call_command

from fazhi.areas.testing import TEST_PASSWORD
from fazhi.core.dictionaries import dictionary_seed
from fazhi.grid.models import Matter
from fazhi.mediation.models import Dispute
from fazhi.people.services import household_create, resident_create
from tests.browser.conftest import login


def _household(world):
    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    household = household_create(
        actor=None, area=world.grid, number="01-007", head_name="王五", member_count=3, address="新红村3组12号"
    )
    resident_create(actor=None, household=household, name="王五", id_number="500229198001011237", phone="13812345678")
    return household


def test_a_visit_becomes_a_matter_and_then_a_dispute_keeping_the_household_and_parties(
    live_server, live_world, phone_page
):
    household = _household(live_world)
    page = phone_page
    login(page, live_server.url, "u_grid_admin", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/grid/visits/new/?household={household.pk}")
    assert "01-007 王五" in page.locator("#household-chosen").input_value()
    page.select_option("select[name=matter_category]", "dispute")
    page.fill("textarea[name=matter_description]", "与邻居因排水沟堵塞争吵")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/grid/visits/")

    matter = Matter.objects.get()
    page.goto(f"{live_server.url}/grid/matters/{matter.pk}/")
    text = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
    assert "王五" in text and "新红村3组12号" in text
    assert "01-007户（户主 王五）" in page.locator("[data-testid=source]").inner_text()
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 375)"
        ".map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, wide

    page.locator("[data-testid=onward]").click()
    page.wait_for_url("**/from-matter/**")
    assert page.locator("input[name=applicant]").input_value() == "王五"
    assert "排水沟" in page.locator("textarea[name=facts]").input_value()
    assert page.locator("select[name=dispute_type]").input_value() == ""  # many answers: the user chooses
    page.select_option("select[name=dispute_type]", "neighbour")
    page.select_option("select[name=tier]", "simple")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url("**/mediation/disputes/*/")

    dispute = Dispute.objects.get()
    parties = page.locator("[data-testid=parties]").inner_text()
    assert "王五 · 新红村3组12号" in parties
    assert matter.number in page.locator("[data-testid=source]").first.inner_text()
    assert dispute.matter_id == matter.pk
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_resident_search_sends_a_full_id_or_phone_number_in_no_url(live_server, live_world, phone_page):
    _household(live_world)
    page = phone_page
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    login(page, live_server.url, "u_grid_admin", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/people/residents/")
    for number in ("500229198001011237", "13812345678"):
        with page.expect_response(lambda r: r.request.method == "POST" and "/people/residents/" in r.url):
            page.fill("input[name=q]", number)  # typing searches after a pause: no 查询 needed
        page.wait_for_timeout(100)
        assert "王五" in page.locator("[data-testid=resident-list]").inner_text()
    page.fill("input[name=q]", "138 1234 5678")
    page.keyboard.press("Enter")
    page.wait_for_timeout(800)
    assert not [u for u in urls if "500229198001011237" in u or "13812345678" in u or "1234%205678" in u], urls
    assert "500229198001011237" not in page.url and "13812345678" not in page.url
