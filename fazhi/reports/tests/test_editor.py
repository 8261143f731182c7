"""The section editor: figures by name (never by key), chips in the preview, the picker, paragraphs, warnings."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.metrics import METRICS, Metric
from fazhi.figures.registry import FigureMetric
from fazhi.reports import editor, services
from fazhi.reports.choices import ContentKind, ReportStatus, SectionLevel
from fazhi.reports.models import ReportSection
from fazhi.reports.rendering import compose

pytestmark = pytest.mark.django_db


def _small(world, body, *, heading="{year}年工作开展情况"):
    template = [
        (1, heading, body, ContentKind.MEASURES),
        (0, "", "第二段。", ""),
        (0, "", "特此报告。", ""),
    ]
    return services.report_create(actor=None, area=world.township, year=2023, template=template)


def _order(report) -> list[str]:
    return [s.heading or s.body for s in report.sections.order_by("order", "id")]


# --- Names instead of keys ------------------------------------------------------------------------------------


def test_the_editor_shows_figures_by_name_and_saves_them_back_as_the_same_placeholders(world, test_metrics):
    names = editor.names_for()
    stored = (
        "{是}{year}年召开会议{leadership.test_meetings}次，网格{areas.test_grids|余}个，【待补充】，{area}{next_year}。"
    )
    shown = editor.to_display(stored, names)
    assert shown == (
        "【序号是】【本年度】年召开会议【测试会议】次，网格【测试网格（余）】个，【待补充】，【本单位名称】【下一年度】。"
    )
    assert "test_meetings" not in shown and "{" not in shown
    assert editor.to_stored(shown, names) == stored  # the round trip is exact
    assert editor.to_stored("会议【 测试会议 】次，约【测试会议(余)】次\r\n", names) == (
        "会议{leadership.test_meetings}次，约{leadership.test_meetings|余}次\n"
    )


def test_two_figures_of_one_name_and_an_unregistered_key_still_round_trip(world, test_metrics, monkeypatch):
    twin = Metric(
        key="areas.test_twin",
        label="测试网格",
        unit="个",
        section="测试",
        records=test_metrics["areas.test_grids"].records,
    )
    monkeypatch.setitem(METRICS, twin.key, twin)
    stored = "{areas.test_grids}与{areas.test_twin}，{nosuch.metric}"
    names = editor.names_for([stored])
    shown = editor.to_display(stored, names)
    assert shown == "【测试网格（1）】与【测试网格（2）】，【未登记的指标（1）】"
    assert editor.to_stored(shown, names) == stored


# --- Preview and warnings --------------------------------------------------------------------------------------


def test_the_preview_shows_each_figure_as_a_chip_with_name_and_value_and_an_error_chip_naming_a_broken_one(
    world, test_metrics, meeting
):
    meeting(world.township)
    report = _small(world, "会议{leadership.test_meetings}次，另有{nosuch.metric}项。")
    body = report.sections.first().body
    figures = editor.figures_of(report, [body])
    html = str(editor.preview(report, heading="", body=body, figures=figures, names=editor.names_for([body])))
    url = reverse("reports:report_figure", args=[report.pk, "leadership.test_meetings"])
    assert f'href="{url}"' in html and "测试会议 · 1次" in html
    assert 'data-error="nosuch.metric"' in html and "未登记的指标（1） · 无法计算" in html


def _warnings(report, section, body, heading="", *, contents=False):
    figures = editor.figures_of(report, [heading, body])
    names = editor.names_for([heading, body])
    others = [s for s in report.sections.all() if s.pk != section.pk]
    return [
        w.text
        for w in editor.section_warnings(
            report=report, section=section, heading=heading, body=body, figures=figures, names=names, others=others
        )
        if contents or not w.text.startswith("按督察工作规定")  # this small report lacks four of the five
    ]


def test_warnings_name_a_changed_figure_a_small_approximate_a_left_placeholder_and_a_missing_content(
    world, test_metrics, meeting
):
    meeting(world.township)
    report = _small(world, "会议{leadership.test_meetings}次。")
    section = report.sections.first()
    assert section.figure_values == {"leadership.test_meetings": "1"}  # kept when the report was created
    assert _warnings(report, section, section.body) == []
    meeting(world.township)
    warned = _warnings(report, section, "会议{leadership.test_meetings|余}次，【此处补充】。")
    assert "“测试会议”自上次保存后由1变为2，请核对文字。" in warned
    assert "“测试会议”写作约数（余），但数值2小于10，将按实数写出。" in warned
    assert "文中留有待填写的“【此处补充】”，定稿前请补全或删去。" in warned
    emptied = _warnings(report, section, "", contents=True)
    assert any("报告还缺少" in w and str(ContentKind.MEASURES.label) in w for w in emptied)
    services.section_update(
        actor=None, section=section, heading=section.heading, body=section.body, version=section.version
    )
    assert ReportSection.objects.get(pk=section.pk).figure_values == {"leadership.test_meetings": "2"}
    assert _warnings(report, section, section.body) == []


def test_warnings_name_a_rate_over_100_and_a_breakdown_whose_parts_do_not_add_up(world, test_metrics, monkeypatch):
    grids = test_metrics["areas.test_grids"]
    numbers = test_metrics["areas.test_grid_numbers"]  # grids 1 and 2: 3
    rate = FigureMetric(
        key="areas.test_rate", label="测试比率", unit="%", section="测试", records=grids.records, kind="rate",
        parts=((numbers, 0), (grids, 0)), combine=lambda v: Decimal(v[0]) * 100 / Decimal(v[1]),
    )  # fmt: skip
    split = FigureMetric(
        key="areas.test_split", label="测试分项", unit="个", section="测试", records=grids.records, kind="breakdown",
        parts=((grids, 0),), combine=lambda v: v[0], breakdown=(("一类", grids), ("二类", grids)),
    )  # fmt: skip
    monkeypatch.setitem(METRICS, rate.key, rate)
    monkeypatch.setitem(METRICS, split.key, split)
    report = _small(world, "比率{areas.test_rate}，分项{areas.test_split}。")
    warned = _warnings(report, report.sections.first(), report.sections.first().body)
    assert "“测试比率”为150%，超过100%，请核对分子和分母。" in warned
    assert "“测试分项”各分项之和为4，与合计2不符。" in warned


def test_a_figure_that_cannot_be_computed_is_an_error_and_finalising_names_it(world, test_metrics, monkeypatch):
    from fazhi.figures.models import FigureDefinition

    FigureDefinition.objects.create(key="custom.9999", name="停用的测试指标", is_active=False, record_type="x")
    report = _small(world, "共{custom.9999}次，{nosuch.metric}。")
    section = report.sections.first()
    warned = _warnings(report, section, section.body)
    assert any(w.startswith("“停用的测试指标”无法计算") for w in warned)
    with pytest.raises(ValidationError) as exc:
        services.report_transition(actor=None, report=report, action="finalise")
    message = str(exc.value)
    assert "“停用的测试指标”（已停用）" in message and "未登记的指标“nosuch.metric”" in message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and not report.figures.exists()


# --- The picker ------------------------------------------------------------------------------------------------


def test_the_picker_lists_only_matching_figures_with_this_and_last_years_values_and_no_data_apart_from_0(
    world, test_metrics, meeting
):
    meeting(world.township)
    meeting(world.township)
    names = editor.names_for()
    assert editor.figure_choices(area=world.township, year=2023, query="  ", names=names) == ([], 0)
    choices, total = editor.figure_choices(area=world.township, year=2023, query="测试会", names=names)
    assert total == 1 and [(c.name, c.value, c.last_value) for c in choices] == [("测试会议", "2次", "无数据")]
    # A sum over records is 0 when its records sum to 0, and 无数据 only when there are none.
    choices, _total = editor.figure_choices(area=world.township, year=2023, query="网格编号", names=names)
    assert choices[0].value == "3" and choices[0].last_value == "3"  # grids stand over time


# --- Paragraphs ------------------------------------------------------------------------------------------------


def test_paragraphs_move_up_and_down_but_never_past_the_closing(world):
    report = _small(world, "正文")
    first, second, closing = report.sections.order_by("order")
    services.section_move(actor=None, section=second, up=True)
    assert _order(report) == ["第二段。", "{year}年工作开展情况", "特此报告。"]
    with pytest.raises(ValidationError, match="已是第一段"):
        services.section_move(actor=None, section=second, up=True)
    with pytest.raises(ValidationError, match="已是最后一段"):
        services.section_move(actor=None, section=first, up=False)
    with pytest.raises(ValidationError, match="特此报告"):
        services.section_move(actor=None, section=closing, up=True)
    assert compose(report).blocks[-1].text == "特此报告。"


def test_a_paragraph_is_inserted_after_another_and_removed_and_the_closing_stays_last(world):
    report = _small(world, "正文")
    first, _second, closing = report.sections.order_by("order")
    new = services.section_add(
        actor=None, report=report, level=SectionLevel.PARAGRAPH, heading="", body="新段", after=first
    )
    assert _order(report) == ["{year}年工作开展情况", "新段", "第二段。", "特此报告。"]
    services.section_add(actor=None, report=report, level=0, heading="", body="末段", after=closing)
    assert _order(report)[-2:] == ["末段", "特此报告。"]
    services.section_delete(actor=None, section=new)
    assert _order(report) == ["{year}年工作开展情况", "第二段。", "末段", "特此报告。"]
    assert [s.order for s in report.sections.order_by("order")] == [1, 2, 3, 4]


def test_nothing_of_a_frozen_report_changes(world):
    report = _small(world, "正文")
    report = services.report_transition(actor=None, report=report, action="finalise")
    first, second, _closing = report.sections.order_by("order")
    before = _order(report)
    for call in (
        lambda: services.section_move(actor=None, section=second, up=True),
        lambda: services.section_delete(actor=None, section=first),
        lambda: services.section_add(actor=None, report=report, level=0, heading="", body="x", after=first),
    ):
        with pytest.raises(ValidationError, match="已定稿"):
            call()
    assert _order(report) == before


# --- Views -----------------------------------------------------------------------------------------------------


def test_the_editor_page_shows_names_and_the_preview_renders_chips_and_warnings_as_one_types(
    world, client, test_metrics, meeting
):
    meeting(world.township)
    report = _small(world, "会议{leadership.test_meetings}次。")
    section = report.sections.first()
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "会议【测试会议】次。</textarea>" in page and "{leadership.test_meetings}" not in page
    response = client.post(
        reverse("reports:section_preview", args=[section.pk]),
        {f"s{section.pk}-heading": "", f"s{section.pk}-body": "会议【测试会议】次，【待补】。"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "测试会议 · 1次" in html and "【待补】" in html
    assert "<html" not in html  # the partial only
    section.refresh_from_db()
    assert section.body == "会议{leadership.test_meetings}次。"  # a preview saves nothing


def test_the_picker_view_loads_only_matches(world, client, test_metrics, meeting):
    meeting(world.township)
    report = _small(world, "")
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("reports:figure_picker", args=[report.pk])
    html = client.get(url, {"q": "测试会", "target": "id_s1-body"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-insert="【测试会议】"' in html and "1次" in html and "无数据" in html
    assert "测试网格" not in html
    assert "没有名称含“无此名”的指标" in client.get(url, {"q": "无此名"}).content.decode()


def test_saving_converts_names_back_and_a_failed_save_keeps_what_was_typed(world, client, test_metrics):
    report = _small(world, "")
    section = report.sections.first()
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("reports:section_update", args=[section.pk])
    typed = "全年网格【测试网格】个，约【测试网格（余）】个。"
    response = client.post(
        url, {f"s{section.pk}-heading": "标题", f"s{section.pk}-body": typed, "version": section.version}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "全年网格{areas.test_grids}个，约{areas.test_grids|余}个。"
    too_long = "长" * 201
    response = client.post(url, {f"s{section.pk}-heading": too_long, f"s{section.pk}-body": "改过的【测试网格】正文"})
    page = response.content.decode()
    assert response.status_code == 400 and "段落未保存" in page
    assert "改过的【测试网格】正文</textarea>" in page and too_long in page
    section.refresh_from_db()
    assert section.heading == "标题" and "改过的" not in section.body
    services.report_transition(actor=None, report=report, action="finalise")
    response = client.post(url, {f"s{section.pk}-heading": "标题", f"s{section.pk}-body": "定稿后才写的字"})
    assert response.status_code == 400 and "已定稿" in response.content.decode()
    assert "定稿后才写的字</textarea>" in response.content.decode()


def test_move_insert_and_delete_from_the_page(world, client):
    report = _small(world, "正文")
    first, second, closing = report.sections.order_by("order")
    client.force_login(world.user(Role.LEGAL_STAFF))
    client.post(reverse("reports:section_move", args=[second.pk]), {"direction": "up"})
    assert _order(report)[0] == "第二段。"
    response = client.post(reverse("reports:section_move", args=[closing.pk]), {"direction": "up"}, follow=True)
    assert "不能移动" in response.content.decode()
    client.post(reverse("reports:section_insert", args=[first.pk]))
    assert report.sections.count() == 4 and _order(report)[-1] == "特此报告。"
    delete = reverse("reports:section_delete", args=[report.pk])
    client.post(delete, {"section": second.pk})
    assert not ReportSection.objects.filter(pk=second.pk).exists()
    assert "段落已被删除" in client.post(delete, {"section": second.pk}, follow=True).content.decode()
