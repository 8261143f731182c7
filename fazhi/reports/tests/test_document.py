"""The report as a complete 公文 (GB/T 9704-2012): 主送机关, 发文机关署名 and 成文日期, read back from real files."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.accounts.roles import Role
from fazhi.areas.models import Area, Level
from fazhi.reports import document, exports, services
from fazhi.reports.choices import ContentKind
from fazhi.reports.models import Report

pytestmark = pytest.mark.django_db

TEMPLATE = [
    (1, "{year}年工作开展情况", "划分网格{areas.test_grids}个。", ContentKind.MEASURES),
    (2, "小节", "正文。", ContentKind.MEASURES),
    (0, "", "特此报告。", ""),
]
ZHIPING_ADDRESSEE = "中共城口县委全面依法治县委员会办公室、城口县人民政府"


def _report(world, area=None):
    return services.report_create(actor=None, area=area or world.township, year=2023, template=TEMPLATE)


def _finalise(report):
    return services.report_transition(actor=None, report=report, action="finalise")


def _paragraphs(data: bytes) -> list:
    return Document(io.BytesIO(data)).paragraphs


def _place(name, level, parent=None):
    return Area(name=name, level=level, parent=parent)


def test_the_default_addressee_is_the_county_above_never_a_fixed_one(world):
    assert document.default_addressee(world.township) == ZHIPING_ADDRESSEE
    foreign = Area.objects.get(name="宁厂镇")
    assert document.default_addressee(foreign) == "中共巫溪县委全面依法治县委员会办公室、巫溪县人民政府"
    city = _place("某市", Level.CITY)
    assert document.default_addressee(_place("南坪街道", Level.TOWNSHIP, _place("南岸区", Level.COUNTY, city))) == (
        "中共南岸区委全面依法治区委员会办公室、南岸区人民政府"
    )
    assert document.default_addressee(_place("甲镇", Level.TOWNSHIP, _place("彭州市", Level.COUNTY, city))) == (
        "中共彭州市委全面依法治市委员会办公室、彭州市人民政府"
    )
    # A county's own report goes to its city.
    assert document.default_addressee(world.county).startswith("中共") and world.county.parent.name in (
        document.default_addressee(world.county)
    )
    assert document.default_addressee(_place("孤县", Level.COUNTY)) == ""


def test_the_issuing_organ_follows_the_ending_of_the_areas_name(world):
    assert document.issuer(world.township) == "治平乡人民政府"
    assert document.issuer(Area.objects.get(name="明通镇")) == "明通镇人民政府"
    assert document.issuer(_place("南坪街道", Level.TOWNSHIP)) == "南坪街道办事处"
    assert document.issuer(world.county) == "城口县人民政府"


def test_the_written_date_uses_arabic_numerals_without_leading_zeros():
    assert document.written_date(datetime.date(2024, 1, 20)) == "2024年1月20日"
    assert document.written_date(datetime.date(2024, 11, 5)) == "2024年11月5日"


def test_a_draft_docx_has_the_addressee_the_issuer_and_no_date(world, test_metrics):
    paragraphs = _paragraphs(exports.export(_report(world), fmt="docx"))
    texts = [p.text for p in paragraphs]
    # Title, one blank line, then the addressee flush left with a full-width colon (GB/T 9704-2012 7.3.2).
    assert texts[1] == "" and texts[2] == f"{ZHIPING_ADDRESSEE}："
    assert paragraphs[2].paragraph_format.first_line_indent is None
    assert texts[-2:] == ["治平乡人民政府", "（草稿）"]
    assert texts[-5] == "特此报告。" and texts[-4:-2] == ["", ""]  # room for the seal
    for p in paragraphs[-2:]:
        assert p.alignment == WD_ALIGN_PARAGRAPH.RIGHT and p.runs[0].font.name == "仿宋_GB2312"
    assert paragraphs[-1].paragraph_format.right_indent.pt == 64  # 右空四字 at 三号 (16 pt)


def test_a_finalised_docx_is_dated_the_day_it_was_finalised(world, test_metrics):
    report = _finalise(_report(world))
    paragraphs = _paragraphs(exports.export(report, fmt="docx"))
    day = timezone.localdate(report.finalised_at)
    dated = f"{day.year}年{day.month}月{day.day}日"
    assert [p.text for p in paragraphs[-2:]] == ["治平乡人民政府", dated]
    assert "（草稿）" not in "\n".join(p.text for p in paragraphs)
    # The issuing organ is centred on the date: its right indent grows by half the difference of their widths.
    date_width = sum(0.5 if ord(c) < 128 else 1 for c in dated)  # Arabic numerals are half-width
    issuer_width = len("治平乡人民政府")
    assert paragraphs[-2].paragraph_format.right_indent.pt == pytest.approx(16 * (4 + (date_width - issuer_width) / 2))
    assert Report.objects.get(pk=report.pk).addressee == ZHIPING_ADDRESSEE  # frozen with the report


def test_headings_keep_only_with_their_first_line_and_never_break_the_page(world, test_metrics):
    paragraphs = _paragraphs(exports.export(_report(world), fmt="docx"))
    assert not any(p.paragraph_format.page_break_before for p in paragraphs)
    by_text = {p.text: p for p in paragraphs}
    assert by_text["一、2023年工作开展情况"].paragraph_format.keep_with_next
    assert not by_text["正文。"].paragraph_format.keep_with_next


def test_the_addressee_is_changed_and_reset_by_the_service(world, test_metrics):
    report = _report(world)
    services.report_addressee_update(actor=None, report=report, addressee="  城口县人民政府： ")
    assert Report.objects.get(pk=report.pk).addressee == "城口县人民政府"
    assert document.addressee(report) == "城口县人民政府"
    services.report_addressee_update(actor=None, report=report, addressee="")
    assert Report.objects.get(pk=report.pk).addressee == ""
    assert document.addressee(Report.objects.get(pk=report.pk)) == ZHIPING_ADDRESSEE


def test_a_too_long_addressee_is_refused_in_chinese_and_nothing_is_saved(world, test_metrics):
    report = _report(world)
    with pytest.raises(ValidationError) as exc:
        services.report_addressee_update(actor=None, report=report, addressee="某" * 201)
    assert "主送机关不能超过200个字" in exc.value.message_dict["addressee"][0]
    assert Report.objects.get(pk=report.pk).addressee == ""


def test_a_finalised_reports_addressee_cannot_change(world, test_metrics):
    report = _finalise(_report(world))
    with pytest.raises(ValidationError) as exc:
        services.report_addressee_update(actor=None, report=report, addressee="别的机关")
    assert "已定稿" in exc.value.messages[0]
    assert Report.objects.get(pk=report.pk).addressee == ZHIPING_ADDRESSEE


def test_the_addressee_is_edited_on_the_report_page(world, client, test_metrics):
    report = _report(world)
    client.force_login(world.user(Role.LEGAL_STAFF))
    url = reverse("reports:report_addressee", args=[report.pk])
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert f"{ZHIPING_ADDRESSEE}：" in page and "治平乡人民政府" in page and "（草稿）" in page
    response = client.post(url, {"addressee": "城口县人民政府"}, follow=True)
    assert "主送机关已保存" in response.content.decode() and "城口县人民政府：" in response.content.decode()
    response = client.post(url, {"addressee": "某" * 300}, follow=True)
    assert "主送机关不能超过200个字" in response.content.decode()
    assert Report.objects.get(pk=report.pk).addressee == "城口县人民政府"


def test_a_viewer_cannot_change_the_addressee(world, client, test_metrics):
    report = _report(world)
    client.force_login(world.user(Role.SUPERVISOR))
    response = client.post(reverse("reports:report_addressee", args=[report.pk]), {"addressee": "x"})
    assert response.status_code == 403 and Report.objects.get(pk=report.pk).addressee == ""


def test_report_export_writes_addressee_issuer_and_date_once_finalised(world, test_metrics, tmp_path):
    report = _finalise(_report(world))
    out = tmp_path / "r.docx"
    call_command("report_export", area="治平乡", year=2023, format="docx", output=str(out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert f"{ZHIPING_ADDRESSEE}：" in texts
    assert texts[-2:] == ["治平乡人民政府", document.written_date(timezone.localdate(report.finalised_at))]


def test_report_export_of_an_unsaved_first_draft_is_marked_as_a_draft(world, tmp_path):
    out = tmp_path / "r.docx"
    call_command("report_export", area="500229215000", year=2023, format="docx", output=str(out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert f"{ZHIPING_ADDRESSEE}：" in texts and texts[-2:] == ["治平乡人民政府", "（草稿）"]
