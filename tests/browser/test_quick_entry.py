"""Quick entry in the browser (issue 23): three 普法 activities in a row with 保存并继续添加, and a dispute whose
party is found by typing the initials of her name."""

import datetime

from fazhi.areas.testing import TEST_PASSWORD
from fazhi.core.dictionaries import dictionary_seed
from fazhi.mediation.models import Dispute
from fazhi.people.services import resident_create
from fazhi.publicity.models import Activity
from tests.browser.conftest import login


def test_three_activities_in_a_row_keep_their_area_and_date(live_server, live_world, desktop_page):
    dictionary_seed()
    page = desktop_page
    login(page, live_server.url, "u_legal_staff", TEST_PASSWORD)
    page.goto(f"{live_server.url}/publicity/activities/new/")
    page.select_option("select[name=area]", label="新红村")
    page.fill("input[name=held_on]", "2023-03-15")
    page.select_option("select[name=form]", label="集中宣传")
    for title in ("民法典进村入户", "反诈宣传", "水法宣传"):
        page.fill("input[name=title]", title)
        page.fill("input[name=participants]", "30")
        page.click("[data-testid=save-add-another]")
        assert f"已登记普法活动“{title}”（2023-03-15）。请继续添加下一条。" in page.content()
        # the next one starts where this one left off
        assert page.input_value("input[name=held_on]") == "2023-03-15"
        assert page.input_value("input[name=title]") == ""
    activities = Activity.objects.order_by("pk")
    assert [a.title for a in activities] == ["民法典进村入户", "反诈宣传", "水法宣传"]
    assert {(a.area, a.held_on, a.form) for a in activities} == {
        (live_world.village, datetime.date(2023, 3, 15), "campaign")
    }


def test_a_dispute_s_party_is_found_by_the_initials_of_her_name(live_server, live_world, desktop_page):
    dictionary_seed()
    ours = resident_create(actor=None, area=live_world.grid, name="冉华", sex="female")
    resident_create(actor=None, area=live_world.foreign_grid, name="冉华", sex="female")
    page = desktop_page
    login(page, live_server.url, "u_legal_staff", TEST_PASSWORD)
    page.goto(f"{live_server.url}/mediation/disputes/new/")
    page.select_option("select[name=area]", label="新红村")
    page.fill("input[name=title]", "宅基地边界纠纷")
    page.select_option("select[name=dispute_type]", label="邻里")
    page.select_option("select[name=source]", index=1)
    page.select_option("select[name=tier]", value="simple")
    page.fill("input[name=applicant]", "冉华")
    page.fill("input[name=applicant_resident_search]", "rh")
    picks = page.locator("[data-pick]")
    picks.first.wait_for()
    assert picks.count() == 1  # the other county's 冉华 is not offered
    assert "新红村第1网格 · 女" in picks.first.inner_text()
    picks.first.click()
    assert page.input_value("input[name=applicant_resident]") == str(ours.pk)
    page.click("[data-testid=save]")
    page.wait_for_url("**/mediation/disputes/*/")
    dispute = Dispute.objects.get()
    assert dispute.parties.get(role="applicant").resident == ours
