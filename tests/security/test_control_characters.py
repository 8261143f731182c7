"""Control characters are refused wherever text comes in, and the exports survive records written before.

Security review (medium): one anonymous submission holding \\x01 (or \\x00 through Open311) made the matter export
answer 500 for every user of the area.
"""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.text import NoControlCharactersValidator
from fazhi.grid.models import Matter
from fazhi.grid.services import matter_create
from fazhi.portal.models import PublicRequest

MESSAGE = "不能包含控制字符"


@pytest.fixture
def seeded(world):
    dictionary_seed()
    call_command("setup_platform", stdout=io.StringIO())
    return world


def test_every_text_field_of_every_model_refuses_control_characters():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not any(isinstance(v, NoControlCharactersValidator) for v in field.validators)
    ]
    assert missing == []


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_open311_refuses_a_control_character_in_chinese_and_saves_nothing(seeded, client, char):
    response = client.post(
        "/public/open311/v2/requests.json",
        {"service_code": "other", "description": f"路灯坏了{char}很久了", "address_id": seeded.village.code},
    )
    assert response.status_code == 400
    assert MESSAGE in response.json()[0]["description"]
    assert PublicRequest.objects.count() == 0


def test_the_public_form_refuses_a_control_character(seeded, client):
    data = {"kind": "matter", "area": seeded.village.pk, "description": "桥栏杆\x01断了，孩子上学很危险。",
            "contact_name": "王五", "phone": "13912345678", "website": ""}  # fmt: skip
    response = client.post(reverse("portal:submit"), data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert PublicRequest.objects.count() == 0


def test_the_api_refuses_a_control_character(seeded, client):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    response = client.post(
        "/api/v1/grid/matters/",
        {"area": seeded.grid.pk, "category": "dispute", "description": "邻里\x01纠纷", "source": "phone"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert Matter.objects.count() == 0


def test_a_staff_form_refuses_a_control_character_and_keeps_multi_line_text(seeded, client):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    data = {"area": seeded.grid.pk, "category": "dispute", "source": "phone", "happened_on": "2024-03-01"}
    response = client.post(reverse("grid:matter_create"), {**data, "description": "邻里\x02纠纷"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert Matter.objects.count() == 0
    matter = matter_create(
        actor=None, area=seeded.grid, category="dispute", source="phone", description="第一行\r\n第二行\t完"
    )
    assert matter.description == "第一行\r\n第二行\t完"


def test_the_matter_export_strips_what_excel_cannot_hold_from_older_records(seeded, client):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    matter = matter_create(actor=None, area=seeded.grid, category="dispute", source="phone", description="旧记录")
    # A record written before the check: the export must not fail for the whole area. (PostgreSQL stores no NUL in
    # text at all, so the old record holds the others.)
    Matter.objects.filter(pk=matter.pk).update(description="旧\x01记\x08录\x1f")
    response = client.get(reverse("grid:matter_export"))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][5] == "旧记录"


def test_the_resident_import_refuses_a_control_character_written_as_an_excel_escape(seeded):
    from fazhi.people.models import Resident
    from fazhi.people.services import import_check
    from fazhi.people.tests.test_import import GOOD_1, _row, _xlsx

    member = seeded.user(Role.GRID_MEMBER)
    # openpyxl writes _x0001_ as it is; Excel and the import's reader decode it to \x01.
    job = import_check(actor=member, upload=_xlsx([_row(seeded.grid, GOOD_1, name="张_x0001_三")]))
    assert job.status == "invalid"
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "姓名")]
    assert MESSAGE in job.errors[0]["message"]
    assert Resident.objects.count() == 0
