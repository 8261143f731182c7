"""The annual report in a browser: edit a paragraph, follow a figure to its records, download the .docx (issue 7)."""

import io

from docx import Document

from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD
from tests.browser.conftest import login


def test_edit_a_paragraph_follow_a_figure_and_download_the_docx(live_server, live_world, desktop_page):
    from fazhi.reports.services import report_create

    page, world = desktop_page, live_world
    report = report_create(actor=world.user(Role.LEGAL_STAFF), area=world.township, year=2023)
    login(page, live_server.url, "u_legal_staff", TEST_PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/")

    section = page.locator("section", has=page.locator("a.figure[data-figure='grid.grids']")).first
    section.locator("summary").click()
    body = section.locator("textarea[name$='-body']")
    body.fill(body.input_value() + "网格员队伍全部配齐。")
    section.locator("button", has_text="保存段落").click()
    assert "段落已保存" in page.content()
    assert any("网格员队伍全部配齐" in t for t in page.locator(".report-preview").all_inner_texts())

    figure = page.locator("a.figure[data-figure='grid.grids']").first
    assert figure.inner_text() == "2"  # 治平乡 has two grids in the test world
    figure.click()
    listed = page.locator("ol[data-testid=evidence] li[data-pk]")
    assert listed.count() == 2
    assert "新红村第1网格" in page.locator("ol[data-testid=evidence]").inner_text()

    page.go_back()
    with page.expect_download() as download:
        page.click("[data-testid=download-docx]")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "网格员队伍全部配齐" in text and "综合治理网格2个" in text
