"""A county publishes a template for its townships' reports; a new 镇 starts its draft from it in its own words,
with its own values, and with the figures it has no data for flagged rather than stated as zeros."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.core.models import AuditEntry
from fazhi.figures import services as figure_services
from fazhi.figures.choices import FigureKind
from fazhi.reports import county_template, editor, services
from fazhi.reports.choices import ContentKind, Start
from fazhi.reports.models import CountyTemplate, Report
from fazhi.reports.rendering import compose, missing_contents
from fazhi.reports.tests.test_first_draft import SEED_NAMES, YEAR, _year_of_work

H1, H2, P = 1, 2, 0
# Written by the county in stored form: place words as slots, figures as placeholders. 化解一般矛盾纠纷 has no
# records in the new township.
ROWS = [
    (P, "", "{year}年，{党委}、{政府}在县委、县政府的领导下推进法治政府建设。现将有关情况报告如下：", ""),
    (H1, "{year}年推进法治政府建设的主要举措和成效", "", ContentKind.MEASURES),
    (
        H2,
        "加强法治宣传",
        "{year}年，{全}开展普法宣传活动{publicity.activities}次，参与群众{publicity.participants}人次；"
        "化解一般矛盾纠纷{mediation.general_disputes_resolved}件。",
        ContentKind.MEASURES,
    ),
    (H1, "党政主要负责人履行推进法治建设第一责任人职责情况", "{我}主要负责人认真履职。", ContentKind.FIRST_RESPONSIBLE),
    (H1, "存在的不足和原因", "【请填写】", ContentKind.SHORTCOMINGS),
    (H1, "{next_year}年工作安排", "{全}将继续推进法治建设。", ContentKind.NEXT_YEAR),
    (H1, "其他需要报告的情况", "无。", ContentKind.OTHER),
    (P, "", "特此报告。", ""),
]


@pytest.fixture
def county_staff(world):
    return make_user("county_legal", role=Role.LEGAL_STAFF, area=world.county)


def _post_outline(client, world, rows):
    outline = county_template.to_outline(rows, editor.names_for())
    return client.post(
        reverse("reports:county_template"), {"county": world.county.pk, "year": YEAR, "outline": outline}
    )


def test_a_new_town_starts_from_the_county_template_in_its_own_words_with_its_own_values(world, client, county_staff):
    client.force_login(county_staff)
    outline = county_template.to_outline(ROWS, editor.names_for())
    assert "【全乡镇】开展普法宣传活动【普法宣传活动】次" in outline and "{publicity" not in outline
    assert _post_outline(client, world, ROWS).status_code == 302
    template = CountyTemplate.objects.get()
    assert (template.number, template.published_by, template.withdrawn) == (1, county_staff, False)
    assert [tuple(row) for row in template.sections] == ROWS  # the outline read back exactly
    assert AuditEntry.objects.filter(content_type__model="countytemplate", object_pk=str(template.pk)).exists()

    town = make_area(world.county, Level.TOWNSHIP, "明月镇", "500229106000")
    _year_of_work(town)
    assert services.default_start(area=town, year=YEAR) == Start.COUNTY
    report = services.report_create(actor=None, area=town, year=YEAR)
    composed = compose(report)
    text = composed.text

    assert "2025年，镇党委、镇政府在县委、县政府的领导下" in text and "全镇开展普法宣传活动3次" in text
    for county_word in ("全县", "我县", "{全}", "{我}", "全乡镇"):
        assert county_word not in text, county_word
    for seed_name in SEED_NAMES:
        assert seed_name not in text
    # The figure without records is flagged by name, never written as 0; every chip left is traced to records.
    assert "【化解一般矛盾纠纷：本年度无数据，请核实后填写或删去】" in text and "纠纷0件" not in text
    chips = [s for b in composed.blocks for s in [*b.lead, *b.segments] if s.key]
    assert {s.key for s in chips} == {"publicity.activities", "publicity.participants"}
    assert all(not s.missing and composed.figures[s.key].value for s in chips)
    assert missing_contents(report.sections.all()) == []


def test_a_later_publish_replaces_the_template_for_new_drafts_and_a_withdrawal_ends_it(world, county_staff):
    first = services.county_template_publish(actor=county_staff, county=world.county, year=YEAR, sections=ROWS)
    changed = [(H1 if r[0] == H1 else r[0], r[1], r[2].replace("认真履职", "带头履职"), r[3]) for r in ROWS]
    second = services.county_template_publish(actor=county_staff, county=world.county, year=YEAR, sections=changed)
    assert (first.number, second.number) == (1, 2)
    started = services.report_create(actor=None, area=world.other_township, year=YEAR, start=Start.COUNTY)
    assert "我镇主要负责人带头履职" in compose(started).text

    services.county_template_withdraw(actor=county_staff, county=world.county, year=YEAR)
    assert services.default_start(area=world.township, year=YEAR) == Start.DRAFT
    with pytest.raises(ValidationError) as exc:
        services.report_create(actor=None, area=world.township, year=YEAR, start=Start.COUNTY)
    assert "尚未发布" in str(exc.value)
    assert not Report.objects.filter(area=world.township).exists()
    assert "我镇主要负责人带头履职" in compose(started).text  # a draft already started keeps its text


def test_an_empty_outline_or_an_unknown_figure_is_refused_and_nothing_is_saved(world, client, county_staff):
    client.force_login(county_staff)
    response = client.post(reverse("reports:county_template"), {"county": world.county.pk, "year": YEAR, "outline": ""})
    assert response.status_code == 400 and "模板提纲为空" in response.content.decode()

    unknown = [*ROWS[:2], (H2, "加强法治宣传", "开展活动{custom.999999}次。", ContentKind.MEASURES), *ROWS[3:]]
    with pytest.raises(ValidationError) as exc:
        services.county_template_publish(actor=county_staff, county=world.county, year=YEAR, sections=unknown)
    assert "无法计算的指标" in str(exc.value) and "未登记的指标“custom.999999”" in str(exc.value)

    no_plan = [row for row in ROWS if row[3] != ContentKind.NEXT_YEAR]
    response = _post_outline(client, world, no_plan)
    page = response.content.decode()
    assert response.status_code == 400 and "模板还缺少" in page and str(ContentKind.NEXT_YEAR.label) in page
    assert "【全乡镇】开展普法宣传活动【普法宣传活动】次" in page  # the outline as typed, kept
    assert not CountyTemplate.objects.exists()


def test_only_the_countys_own_staff_publish_for_it(world, client):
    township_staff = world.user(Role.LEGAL_STAFF)
    with pytest.raises(PermissionDenied):
        services.county_template_publish(actor=township_staff, county=world.county, year=YEAR, sections=ROWS)
    client.force_login(township_staff)
    page = client.get(reverse("reports:county_template")).content.decode()
    assert "您没有可以发布报告模板的县" in page
    response = _post_outline(client, world, ROWS)
    assert response.status_code == 400 and not CountyTemplate.objects.exists()
    with pytest.raises(ValidationError):
        services.county_template_publish(actor=None, county=world.township, year=YEAR, sections=ROWS)


def test_the_template_page_offers_the_countys_assessed_figures_by_name(world, client, county_staff):
    figure_services.definition_save(
        actor=county_staff,
        area=world.county,
        values={
            "name": "县定普法活动",
            "unit": "场",
            "section": "法治宣传",
            "phrase": "开展县定普法活动{值}场",
            "kind": FigureKind.AGGREGATE,
            "record_type": "publicity.activity",
        },
    )
    client.force_login(county_staff)
    page = client.get(reverse("reports:county_template"), {"county": world.county.pk, "year": YEAR}).content.decode()
    assert "【全乡镇】开展县定普法活动【县定普法活动】场" in page and "custom." not in page


def test_the_create_form_shows_the_county_template_as_the_townships_default(world, client, county_staff):
    year = timezone.localdate().year - 1  # the year the form offers
    services.county_template_publish(actor=county_staff, county=world.county, year=year, sections=ROWS)
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("reports:report_create")).content.decode()
    checked = re.findall(r'name="start" value="(\w*)"[^>]*checked', page)
    assert checked == ["county"] and "使用县里发布的报告模板" in page
