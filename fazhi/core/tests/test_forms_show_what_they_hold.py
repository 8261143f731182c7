"""Forms that don't mislead: lists of checkboxes show which are ticked, a conditionally required field is marked,
a dictionary's category is chosen by its Chinese name, and year pages open on the year being worked on."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.forms import AreaCreateForm
from fazhi.core.forms import DictionaryEntryForm
from fazhi.core.models import DictionaryEntry
from fazhi.core.registry import register_dictionary, registry


@pytest.fixture
def kinds():
    register_dictionary("test_kind", "测试类别", [("a", "甲")])
    yield "test_kind"
    registry.dictionaries.pop("test_kind", None)


class ThemesForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label="法律或主题", choices=[("civil", "民法典"), ("land", "土地管理法")], widget=forms.CheckboxSelectMultiple
    )


def test_a_list_of_checkboxes_renders_each_box_ticked_or_not_as_it_is():
    html = str(ThemesForm(initial={"themes": ["land"]}))
    assert "form-control" not in html  # a checkbox given form-control is drawn as an empty field
    assert html.count('class="form-check-input"') == 2
    assert 'value="land" id="id_themes_1" checked>' in html
    assert 'value="civil" id="id_themes_0">' in html
    assert "<legend" in html and "法律或主题" in html


def test_the_area_code_is_marked_required_though_a_grid_goes_without():
    html = str(AreaCreateForm())
    label = html.split('for="id_code"', 1)[1].split("</label>", 1)[0]
    assert 'class="text-danger"' in label and "*" in label


def test_a_dictionary_category_is_chosen_by_its_chinese_name_and_an_unknown_key_is_refused(world, client, kinds):
    assert ("test_kind", "测试类别") in DictionaryEntryForm().fields["category"].choices
    client.force_login(world.user(Role.SYS_ADMIN))
    page = client.get(reverse("core:dictionary_list")).content.decode()
    assert '<option value="test_kind">测试类别</option>' in page
    assert '<code class="small">test_kind</code>' not in page  # no raw keys for people to read
    response = client.post(
        reverse("core:dictionary_list"), {"category": "publicity.theme.x", "code": "c", "label": "丙"}
    )
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not DictionaryEntry.objects.filter(code="c").exists()


def test_a_year_page_opens_on_the_report_year_then_on_the_year_last_worked_on(world, client):
    client.force_login(world.user(Role.LEADER))
    stats = reverse("mediation:stats")
    assert client.get(stats).context["year"] == timezone.localdate().year - 1
    assert client.get(stats, {"year": 2021}).context["year"] == 2021
    assert client.get(stats).context["year"] == 2021  # remembered in the session
    assert client.get(stats, {"year": "abc"}).context["year"] == 2021  # a slip does not lose it
    assert client.get(stats, {"year": 1066}).context["year"] == 2021
