"""The studio's journey in a real browser on a phone: a matter becomes a general dispute, a session is recorded,
the dispute is closed with an agreement and the .docx is downloaded."""

import io

import pytest
from docx import Document

from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD
from fazhi.core.dictionaries import dictionary_seed
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_the_studio_turns_a_matter_into_a_dispute_closes_it_and_downloads_the_agreement(
    live_server,
    live_world,
    phone_page,
):
    from fazhi.grid import services as grid_services
    from fazhi.mediation import services
    from fazhi.mediation.models import Dispute

    world = live_world
    dictionary_seed()
    studio = services.body_create(actor=None, area=world.township, name="小米书记工作室", kind="studio")
    mediator = services.mediator_create(
        actor=None, area=world.township, name="黄书记", kind="first_secretary", body=studio
    )
    matter = grid_services.matter_create(
        actor=None,
        area=world.grid,
        category="dispute",
        description="张家和李家因排水沟堵塞争吵",
        source="grid_report",
        raised_by_text="张三",
    )
    page = phone_page
    # 综治中心 hosts the studio and may both read grid matters and hand them over (grid.change + mediation.change).
    login(page, live_server.url, world.user(Role.GRID_ADMIN).username, TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/mediation/disputes/from-matter/{matter.pk}/")
    assert "张家和李家因排水沟堵塞争吵" in page.locator("[data-testid=dispute-form]").inner_html()
    page.select_option("select[name=dispute_type]", "neighbour")
    page.fill("input[name=respondent]", "李四")
    page.select_option("select[name=body]", str(studio.pk))
    page.select_option("select[name=mediators]", [str(mediator.pk)])
    page.click("[data-testid=dispute-form] button")
    page.wait_for_url("**/mediation/disputes/*/")
    dispute = Dispute.objects.get(matter=matter)
    assert page.locator("[data-testid=tier]").inner_text() == "一般（工作室化解）"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.fill("input[name=session-place]", "小米书记工作室")
    page.fill("textarea[name=session-notes]", "释法明理，双方同意共同清理排水沟")
    page.click("[data-testid=session-form] button")
    page.wait_for_url(f"**/mediation/disputes/{dispute.pk}/")
    assert "释法明理" in page.locator("[data-testid=sessions]").inner_text()

    page.locator("summary", has_text="结案").click()
    page.select_option("select[name=close-status]", "resolved")
    page.fill("textarea[name=close-terms]", "张三、李四于本周内共同清理排水沟")
    page.fill("input[name=close-performance_method]", "双方出工，调解员见证")
    page.click("[data-testid=close-form] button")
    page.wait_for_url(f"**/mediation/disputes/{dispute.pk}/")
    assert page.locator("[data-testid=status]").inner_text() == "调解成功"

    with page.expect_download() as info:
        page.click("[data-testid=docx]")
    data = open(info.value.path(), "rb").read()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "张三、李四于本周内共同清理排水沟" in text and "申请人：张三" in text and "被申请人：李四" in text
    matter.refresh_from_db()
    assert matter.status == "to_mediation"
