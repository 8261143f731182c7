"""An inspection cites the supervision rules in force on the day it was held (docs/law.md GY-10, LE-44)."""

import datetime

from fazhi.enforcement.models import Inspection


def test_an_inspection_before_february_2026_cites_the_outline():
    inspection = Inspection(held_on=datetime.date(2026, 1, 31))
    assert inspection.basis.startswith("《法治政府建设实施纲要")


def test_an_inspection_from_february_2026_cites_the_supervision_regulation():
    inspection = Inspection(held_on=datetime.date(2026, 2, 1))
    assert "《行政执法监督条例》（国务院令第825号）" in inspection.basis
