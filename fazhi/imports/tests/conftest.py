import io

import pytest
from openpyxl import load_workbook

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.core.dictionaries import dictionary_seed
from fazhi.publicity.tests.helpers import seed_publicity_dictionaries


@pytest.fixture
def town(world):
    """明通镇, not the demo's township, with a village of its own; its legal staff and grid admin."""
    dictionary_seed()
    seed_publicity_dictionaries()
    township = world.other_township
    village = make_area(township, Level.VILLAGE, "岚溪村", "500229104201")
    grid = make_area(village, Level.GRID, "岚溪村第1网格", grid_number=1)
    staff = make_user("mt_legal", role=Role.LEGAL_STAFF, area=township)
    grid_admin = make_user("mt_grid", role=Role.GRID_ADMIN, area=township)
    return type(
        "Town", (), {"township": township, "village": village, "grid": grid, "staff": staff, "grid_admin": grid_admin}
    )


def fill(template: bytes, rows: list[dict]) -> bytes:
    """The downloaded template with `rows` written under its headers (a header's required mark is optional)."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    headers = [str(c.value).rstrip("*") for c in ws[1]]
    assert all(h in headers for row in rows for h in row), headers
    for r, row in enumerate(rows, start=2):
        for header, value in row.items():
            ws.cell(row=r, column=headers.index(header) + 1, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
