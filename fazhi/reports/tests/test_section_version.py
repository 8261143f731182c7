"""A report section carries a version (issue 25 item 6): a save from an editor opened on an older text is refused
with the conflict page, the author's text kept on it; a save that names no version is refused too."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.concurrency import EditConflict
from fazhi.reports import services
from fazhi.reports.choices import ContentKind


def _report(world):
    template = [
        (1, "{year}年工作开展情况", "网格{areas.test_grids}个。", ContentKind.MEASURES),
        (0, "", "特此报告。", ""),
    ]
    return services.report_create(actor=None, area=world.township, year=2023, template=template)


def test_a_stale_save_is_refused_and_the_newer_text_stays(world, test_metrics):
    section = _report(world).sections.first()
    opened = section.version
    services.section_update(actor=None, section=section, heading=section.heading, body="甲写的。", version=opened)
    with pytest.raises(EditConflict):
        services.section_update(actor=None, section=section, heading=section.heading, body="乙写的。", version=opened)
    section.refresh_from_db()
    assert section.body == "甲写的。" and section.version == opened + 1
    # The same text sent again from the older editor (a second click) loses nothing: it is no conflict.
    again = services.section_update(
        actor=None, section=section, heading=section.heading, body="甲写的。", version=opened
    )
    assert again.version == opened + 1


def test_a_save_without_a_version_is_refused_with_a_chinese_message(world, test_metrics):
    section = _report(world).sections.first()
    with pytest.raises(ValidationError) as exc:
        services.section_update(actor=None, section=section, heading="", body="没有版本号。", version=None)
    assert "缺少段落的版本号" in str(exc.value)
    section.refresh_from_db()
    assert section.body == "网格{areas.test_grids}个。"


def test_the_editor_shows_the_conflict_page_with_the_authors_text_and_figures_by_name(world, client, test_metrics):
    section = _report(world).sections.first()
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("reports:section_update", args=[section.pk])
    opened = section.version
    first = client.post(url, {f"s{section.pk}-body": "甲：网格【测试网格】个。", "version": opened})
    assert first.status_code == 302

    stale = client.post(url, {f"s{section.pk}-body": "乙：这段话不能丢。", "version": opened})
    page = stale.content.decode()
    assert stale.status_code == 409 and "保存冲突" in page
    assert "乙：这段话不能丢。" in page  # the author's text, kept on the page
    assert "甲：网格【测试网格】个。" in page and "{areas.test_grids}" not in page  # the newer text, by name
    section.refresh_from_db()
    assert section.body == "甲：网格{areas.test_grids}个。"

    missing = client.post(url, {f"s{section.pk}-body": "丙：没有版本号。"})
    assert missing.status_code == 400 and "缺少段落的版本号" in missing.content.decode()
    assert "丙：没有版本号。</textarea>" in missing.content.decode()
    section.refresh_from_db()
    assert section.body == "甲：网格{areas.test_grids}个。"
