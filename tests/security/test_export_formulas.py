"""Excel exports never hold a live formula (security review, medium; OWASP "CSV Injection")."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.excel import cell_value
from fazhi.grid.services import matter_create
from fazhi.people.services import household_create, resident_create


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\x01=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("张三", "张三"),
        ("a=b", "a=b"),
        ("", ""),
        (42, 42),
        (-3.5, -3.5),
        (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1)),
        (None, None),
    ],
)
def test_text_that_excel_reads_as_a_formula_is_escaped_and_numbers_stay_numbers(value, written):
    assert cell_value(value) == written


@pytest.fixture
def seeded(world):
    dictionary_seed()
    call_command("setup_platform", stdout=io.StringIO())
    return world


def _cells(response):
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_the_exports_hold_no_formula_and_keep_numbers_numeric(seeded, client):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    household = household_create(
        actor=None, area=seeded.grid, number="=1+1", head_name="@张大", address="-1号", member_count=3
    )
    resident_create(actor=None, area=seeded.grid, name='=HYPERLINK("http://x","点")', household=household)
    matter_create(actor=None, area=seeded.grid, category="dispute", source="phone", description="+cmd|' /C calc'!A0")

    for url, column in (
        ("people:resident_export", 0),
        ("people:household_export", 0),
        ("grid:matter_export", 5),
    ):
        response = client.get(reverse(url))
        assert response.status_code == 200
        rows = _cells(response)
        assert all(cell.data_type != "f" for row in rows for cell in row), url
        assert rows[1][column].value.startswith("'"), url
    households = _cells(client.get(reverse("people:household_export")))
    assert households[1][4].data_type == "n" and households[1][4].value == 3  # 家庭人口 stays a number
