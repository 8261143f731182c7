"""A normative document in a real browser: drafted, pre-checked, returned by the reviewer for the flags she upheld,
amended, reviewed again on the three-aspect form, deliberated, published and filed."""

import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD
from fazhi.documents.tests.conftest import UNLAWFUL
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def _step(page, action: str, on: str, **fields) -> None:
    card = page.locator(f"[data-testid=action-{action}]")
    card.locator("input[name=on]").fill(on)
    for name, value in fields.items():
        card.locator(f"[name={name}]").fill(value)
    card.locator("button").click()
    page.wait_for_load_state()


def _review(page, on: str, conclusion: str, content: str, content_opinion: str, opinion: str) -> None:
    page.click("[data-testid=review-link]")
    page.wait_for_url("**/review/")
    form = page.locator("[data-testid=review-form]")
    form.locator("select[name=body]").select_option("judicial_office")
    form.locator("input[name=on]").fill(on)
    form.locator("input[name=authority_result][value=lawful]").check()
    form.locator(f"input[name=content_result][value={content}]").check()
    form.locator("textarea[name=content_opinion]").fill(content_opinion)
    form.locator("input[name=procedure_result][value=lawful]").check()
    form.locator(f"input[name=conclusion][value={conclusion}]").check()
    form.locator("textarea[name=opinion]").fill(opinion)
    form.locator("button").click()
    page.wait_for_url("**/documents/*/")


def test_a_document_goes_from_draft_to_filed_with_the_precheck_flags_and_review_form(
    live_server, live_world, desktop_page
):
    from fazhi.documents.models import NormativeDocument

    world, page = live_world, desktop_page
    login(page, live_server.url, world.user(Role.LEGAL_STAFF).username, TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/documents/new/")
    form = page.locator("[data-testid=document-form]")
    form.locator("select[name=area]").select_option(str(world.township.pk))
    form.locator("input[name=title]").fill("治平乡集镇摊点管理规定")
    form.locator("input[name=drafting_unit]").fill("治平乡综合行政执法办公室")
    form.locator("textarea[name=body]").fill(UNLAWFUL)
    form.locator("button").click()
    page.wait_for_url("**/documents/*/")
    doc = NormativeDocument.objects.get(title="治平乡集镇摊点管理规定")
    assert page.locator("[data-testid=preview]").count() == 2

    _step(page, "submit_review", "2023-03-06")
    assert page.locator("[data-testid=status]").inner_text() == "合法性审核中"
    flags = page.locator("[data-testid=flag]")
    assert flags.count() == 2
    assert "须经乡政府审批" in flags.nth(0).inner_text() and "疑似设定行政许可" in flags.nth(0).inner_text()
    assert "处以五百元罚款" in flags.nth(1).inner_text() and "疑似设定行政处罚" in flags.nth(1).inner_text()
    assert page.locator("[data-testid=body] mark").all_inner_texts() == ["须经乡政府审批", "处以五百元罚款"]

    # the reviewer upholds both flags (htmx swaps the flag list in place)
    for i in range(2):
        flag = page.locator("[data-testid=flag]").nth(i)
        flag.locator("input[name=note]").fill("乡镇规范性文件不得设定许可和处罚")
        flag.locator("button[value=confirmed]").click()
        page.locator(f"[data-testid=flag]:nth-child({i + 1})[data-flag-status=confirmed]").wait_for()
    _review(page, "2023-03-08", "return", "unlawful", "第二条设定审批、第三条设定罚款，应删除", "退回修改")
    assert page.locator("[data-testid=status]").inner_text() == "起草"
    assert "退回修改" in page.locator("[data-testid=review]").inner_text()

    page.click("text=修改草案")
    page.locator("textarea[name=body]").fill("第一条 为规范集镇秩序，制定本规定。第二条 乡政府引导摊贩在划定区域经营。")
    page.locator("[data-testid=document-form] button").click()
    page.wait_for_url(f"**/documents/{doc.pk}/")
    _step(page, "submit_review", "2023-03-09")
    _review(page, "2023-03-16", "pass", "lawful", "", "依据充分，内容合法，同意提请审议。")
    assert page.locator("[data-testid=status]").inner_text() == "审核通过"
    assert page.locator("[data-testid=flag-status]").all_inner_texts() == ["确认存在问题", "确认存在问题"]

    _step(page, "deliberate", "2023-03-20", meeting="治平乡人民政府常务会议")
    _step(page, "issue", "2023-03-21", registration_no="治平府规〔2023〕3号")
    assert "治平府规〔2023〕3号" in page.locator("[data-testid=doc-number]").inner_text()
    _step(page, "file", "2023-03-22")
    assert page.locator("[data-testid=status]").inner_text() == "已报送备案"
    doc.refresh_from_db()
    assert doc.status == "filed" and doc.filed_on_time
    assert list(doc.events.values_list("action", flat=True)) == [
        "create",
        "submit_review",
        "return_review",
        "update",
        "submit_review",
        "approve_review",
        "deliberate",
        "issue",
        "file",
    ]
