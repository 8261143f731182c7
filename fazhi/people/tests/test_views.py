import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.accounts.roles import Role
from fazhi.people.models import Reveal
from fazhi.people.services import resident_create
from fazhi.people.tests.conftest import make_id

NUMBER = make_id("19900101", 123)


@pytest.fixture
def residents(seeded):
    home = resident_create(
        actor=None, area=seeded.grid, name="张三", id_number=NUMBER, phone="13812345678", tags=["veteran"]
    )
    other = resident_create(actor=None, area=seeded.sibling_grid, name="李四", id_number=make_id("19800101", 111))
    return home, other


def test_list_and_detail_show_masked_values_only(client, seeded, residents):
    home, _other = residents
    client.force_login(seeded.user(Role.GRID_MEMBER))
    for url in (reverse("people:resident_list"), reverse("people:resident_detail", args=[home.pk])):
        html = client.get(url).content.decode()
        assert home.id_number_masked == "*" * 16 + NUMBER[-2:] and home.id_number_masked in html
        assert NUMBER not in html and NUMBER[:6] not in html and NUMBER[6:14] not in html and "1990-01-01" not in html
        assert "13812345678" not in html and "138****5678" in html


def test_the_list_labels_every_tag_of_a_resident_and_reads_no_ciphertext(client, seeded, residents):
    resident_create(actor=None, area=seeded.grid, name="王二", tags=["subsistence", "veteran"])
    client.force_login(seeded.user(Role.GRID_MEMBER))
    response = client.get(reverse("people:resident_list"))
    rows = {r.name: r for r in response.context["page"]}
    assert rows["张三"].tag_labels == ["退役军人"]
    assert rows["王二"].tag_labels == ["低保对象", "退役军人"]
    assert {"id_number", "phone"} <= rows["张三"].get_deferred_fields()
    html = response.content.decode()
    assert html.count('<span class="badge text-bg-light">退役军人</span>') == 2


def test_a_grid_member_cannot_list_or_open_a_resident_of_another_grid(client, seeded, residents):
    _home, other = residents
    client.force_login(seeded.user(Role.GRID_MEMBER))
    assert "李四" not in client.get(reverse("people:resident_list")).content.decode()
    assert client.get(reverse("people:resident_detail", args=[other.pk])).status_code == 404
    assert (
        client.post(
            reverse("people:resident_reveal", args=[other.pk]), {"field": "id_number", "reason": "核实身份信息"}
        ).status_code
        == 404
    )


def test_export_is_masked_filtered_and_scoped(client, seeded, residents):
    client.force_login(seeded.user(Role.GRID_ADMIN))
    response = client.get(reverse("people:resident_export"), {"tag": "veteran"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "姓名"
    assert [r[0] for r in rows[1:]] == ["张三"]
    flat = repr(rows)
    assert NUMBER not in flat and "13812345678" not in flat and "138****5678" in flat
    client.force_login(seeded.user(Role.GRID_MEMBER))
    rows = list(load_workbook(io.BytesIO(client.get(reverse("people:resident_export")).content)).active.values)
    assert [r[0] for r in rows[1:]] == ["张三"]


def test_reveal_through_the_page_shows_the_value_once_and_records_it(client, seeded, residents):
    home, _other = residents
    client.force_login(seeded.user(Role.GRID_MEMBER))
    url = reverse("people:resident_reveal", args=[home.pk])
    response = client.post(url, {"field": "id_number", "reason": ""})
    assert response.status_code == 400 and NUMBER not in response.content.decode()
    response = client.post(url, {"field": "id_number", "reason": "办理低保核实身份"})
    assert NUMBER in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert Reveal.objects.get().reason == "办理低保核实身份"


def test_the_detail_page_shows_the_birth_year_and_the_full_date_only_on_reveal(client, seeded, residents):
    home, _other = residents
    born = f"{NUMBER[6:10]}-{NUMBER[10:12]}-{NUMBER[12:14]}"
    client.force_login(seeded.user(Role.GRID_MEMBER))
    page = client.get(reverse("people:resident_detail", args=[home.pk])).content.decode()
    assert f"{NUMBER[6:10]}年" in page and born not in page and "*" * 16 + NUMBER[-2:] in page
    assert NUMBER[:6] not in page
    url = reverse("people:resident_reveal", args=[home.pk])
    response = client.post(url, {"field": "birth_date", "reason": "核实老年补贴年龄"})
    assert born in response.content.decode() and "no-store" in response["Cache-Control"]
    assert Reveal.objects.get().field == "birth_date"


def test_a_bad_id_number_in_the_form_shows_a_chinese_error_and_saves_nothing(client, seeded):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    response = client.post(
        reverse("people:resident_create"),
        {
            "area": seeded.grid.pk,
            "name": "王五",
            "id_number": NUMBER[:17] + "0" if NUMBER[17] != "0" else NUMBER[:17] + "1",
            "status": "resident",
        },
    )
    assert response.status_code == 200
    assert "校验码" in response.content.decode()
    from fazhi.people.models import Resident

    assert not Resident.objects.filter(name="王五").exists()


def test_creating_a_resident_through_the_form(client, seeded):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    response = client.post(
        reverse("people:resident_create"),
        {"area": seeded.grid.pk, "name": "王五", "id_number": NUMBER, "status": "resident", "tags": ["veteran"]},
    )
    assert response.status_code == 302
