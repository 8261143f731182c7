"""The report editor in a browser: find a figure by its Chinese name, insert it at the cursor, see its value in the
live preview as a chip, save, and read it in the report text — never a key."""

from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD
from fazhi.reports.choices import ContentKind
from tests.browser.conftest import login


def test_search_a_figure_by_name_insert_it_preview_its_value_and_save_it(live_server, live_world, desktop_page):
    from fazhi.reports.models import ReportSection
    from fazhi.reports.services import report_create

    page, world = desktop_page, live_world
    template = [(1, "工作开展情况", "全面开展网格化管理。", ContentKind.MEASURES), (0, "", "特此报告。", "")]
    report = report_create(actor=world.user(Role.LEGAL_STAFF), area=world.township, year=2023, template=template)
    section = report.sections.first()
    login(page, live_server.url, "u_legal_staff", TEST_PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/")

    editor = page.locator(f"#section-{section.pk}")
    editor.locator("summary", has_text="编辑本段").click()
    preview = editor.locator("[data-testid=editor-preview]")
    assert "全面开展网格化管理" in preview.inner_text()  # loaded when the editor opens

    body = editor.locator("textarea[name$='-body']")
    body.click()
    body.press("End")
    body.type("共划分网格")
    editor.locator("input[type=search]").fill("综合治理")
    choice = editor.locator("[data-testid=picker-results] [data-insert='【综合治理网格】']")
    assert "2个" in choice.inner_text() and "上年" in choice.inner_text()
    choice.click()
    body.type("。")
    assert body.input_value() == "全面开展网格化管理。共划分网格【综合治理网格】。"

    chip = preview.locator("a.figure-chip[data-chip='grid.grids']")
    chip.wait_for()
    assert chip.inner_text() == "综合治理网格 · 2个"

    editor.locator("button", has_text="保存段落").click()
    assert "段落已保存" in page.content()
    stored = ReportSection.objects.get(pk=section.pk).body
    assert stored == "全面开展网格化管理。共划分网格{grid.grids}。"
    text = page.locator(f"#section-{section.pk} .report-preview").inner_text()
    assert "共划分网格2。" in text
    assert "{" not in page.locator(f"#section-{section.pk} textarea[name$='-body']").input_value()
