"""The figure builder: choices from the record type's declared facts, a live preview, errors in Chinese."""

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.figures.models import FigureDefinition
from fazhi.figures.tests.test_definitions import Y, town  # noqa: F401 — the shared fixture


@pytest.fixture
def staff_client(client, town):  # noqa: F811
    client.force_login(town.staff)
    return client


def _form(town, **extra):  # noqa: F811
    data = {
        "area": town.township.pk,
        "name": "院坝会",
        "kind": "aggregate",
        "record_type": "publicity.activity",
        "aggregation": "count",
        "period": "within",
        "unit": "场次",
        "writing": "exact",
        "decimals": "1",
        "dim_form": ["courtyard"],
    }
    data.update(extra)
    return data


def test_the_builder_offers_the_record_types_facts_by_their_chinese_names(staff_client, town):  # noqa: F811
    page = staff_client.post(reverse("figures:definition_create") + f"?year={Y}", _form(town, action="preview"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "筛选：活动形式" in html and "院坝会" in html
    assert 'data-testid="figure-value">3场次' in html
    assert "courtyard0" in html  # the first records counted
    assert "held_on" not in html and "publicity.activity</" not in html


def test_saving_from_the_builder_makes_a_figure_with_its_records(staff_client, town):  # noqa: F811
    response = staff_client.post(reverse("figures:definition_create"), _form(town, action="save"))
    definition = FigureDefinition.objects.get(name="院坝会")
    assert response.status_code == 302
    detail = staff_client.get(reverse("figures:definition_detail", args=[definition.pk]) + f"?year={Y}")
    text = detail.content.decode()
    assert "活动形式为：院坝会" in text and "3场次" in text


def test_a_definition_that_cannot_be_computed_is_refused_in_chinese_and_not_saved(staff_client, town):  # noqa: F811
    data = _form(town, action="save", kind="rate", name="坏比率")
    page = staff_client.post(reverse("figures:definition_create"), data)
    assert page.status_code == 200
    assert "比率须选择分子和分母" in page.content.decode()
    assert not FigureDefinition.objects.filter(name="坏比率").exists()


def test_the_list_shows_built_in_and_own_figures(staff_client, town):  # noqa: F811
    page = staff_client.get(reverse("figures:definition_list")).content.decode()
    assert "平台内置" in page and "新建指标" in page


def test_a_supervisor_reads_but_cannot_open_the_builder(client, town):  # noqa: F811
    client.force_login(town.user(Role.SUPERVISOR))
    assert client.get(reverse("figures:definition_list")).status_code == 200
    assert client.get(reverse("figures:definition_create")).status_code == 403


def _saved(town, **values):  # noqa: F811
    from fazhi.figures import services

    values.setdefault("unit", "场次")
    return services.definition_save(actor=town.staff, area=town.township, values=values)


def test_a_rates_detail_links_both_numerator_and_denominator_evidence_and_says_who_changed_it(staff_client, town):  # noqa: F811
    courtyard = _saved(
        town,
        name="院坝会",
        kind="aggregate",
        record_type="publicity.activity",
        filters=[{"dim": "form", "op": "in", "values": ["courtyard"]}],
    )
    activities = _saved(town, name="全部活动", kind="aggregate", record_type="publicity.activity")
    rate = _saved(town, name="院坝会占比", kind="rate", numerator=courtyard, denominator=activities, unit="%")
    page = staff_client.get(reverse("figures:definition_detail", args=[rate.pk]) + f"?year={Y}").content.decode()
    numerator = reverse("reports:metric_evidence", args=[courtyard.key])
    denominator = reverse("reports:metric_evidence", args=[activities.key])
    assert f'href="{numerator}?area={town.township.pk}&year={Y}"' in page
    assert f'href="{denominator}?area={town.township.pk}&year={Y}"' in page
    who = str(town.staff)
    assert "第 1 版" in page and f"修改人：{who}" in page
    assert "50%" in page


def test_a_breakdown_that_does_not_add_up_says_so_on_its_detail(staff_client, town):  # noqa: F811
    activities = _saved(town, name="全部活动", kind="aggregate", record_type="publicity.activity")
    by_theme = _saved(town, name="按主题", kind="breakdown", base=activities, dimension="theme")
    page = staff_client.get(reverse("figures:definition_detail", args=[by_theme.pk]) + f"?year={Y}").content.decode()
    assert 'data-testid="figure-breakdown"' in page and 'data-testid="breakdown-mismatch"' in page


def test_a_county_defines_for_the_county_and_previews_a_township(client, town):  # noqa: F811
    from fazhi.areas.testing import make_user

    client.force_login(make_user("u_county_legal", role=Role.LEGAL_STAFF, area=town.county))
    page = client.get(reverse("figures:definition_create")).content.decode()
    assert f'<option value="{town.county.pk}" selected>城口县</option>' in page
    data = _form(town, area=town.county.pk, action="preview", preview_area=town.township.pk, preview_year=Y)
    html = client.post(reverse("figures:definition_create"), data).content.decode()
    assert 'data-testid="figure-value">3场次' in html
    data["preview_area"] = town.other_township.pk
    html = client.post(reverse("figures:definition_create"), data).content.decode()
    assert 'data-testid="figure-value">0场次' in html
    data["preview_area"] = town.foreign_grid.pk  # not under the county: refused, nothing computed for it
    html = client.post(reverse("figures:definition_create"), data).content.decode()
    assert 'data-testid="figure-value"' not in html


def test_the_builder_previews_a_type_just_chosen_over_its_first_period(staff_client, town):  # noqa: F811
    data = _form(town, action="preview", preview_year=Y)
    del data["period"]
    html = staff_client.post(reverse("figures:definition_create"), data).content.decode()
    assert 'data-testid="figure-value">3场次' in html and "figure-broken" not in html


def test_the_list_reads_the_registry_once_whatever_the_number_of_definitions(staff_client, town):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("figures:definition_list")
    staff_client.get(url)
    with CaptureQueriesContext(connection) as before:
        staff_client.get(url)
    for form in ("courtyard", "lecture", "campaign"):
        staff_client.post(reverse("figures:definition_create"), _form(town, action="save", name=form, dim_form=[form]))
    staff_client.get(url)
    with CaptureQueriesContext(connection) as after:
        staff_client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries) <= 12
