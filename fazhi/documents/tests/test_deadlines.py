"""Working-day periods across the 2023 国庆 holiday (9-29 to 10-6 off; Saturday 10-7 and Sunday 10-8 worked)."""

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.deadlines import deadline_rule_revise
from fazhi.core.management.commands.setup_platform import seed_calendar
from fazhi.documents.services import deadline_rule, document_transition
from fazhi.documents.tests.conftest import D, review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def calendar(db):
    seed_calendar()


def test_the_minimum_review_period_skips_the_national_day_holiday(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=D(2023, 9, 27))
    # 9-28 (1), 10-7 (2), 10-8 (3), 10-9 (4), 10-10 (5): five working days, not five calendar days
    with pytest.raises(ValidationError, match=r"不足5个工作日，最早可于2023-10-10"):
        review(doc, staff, on=D(2023, 10, 9))
    review(doc, staff, on=D(2023, 10, 10))
    doc.refresh_from_db()
    assert doc.status == "reviewed"


def _deliberated(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=D(2023, 9, 1))
    review(doc, staff, on=D(2023, 9, 11))
    document_transition(actor=staff, document=doc, action="deliberate", on=D(2023, 9, 20), meeting="常务会议")


def test_the_default_filing_period_ending_in_the_holiday_moves_to_the_next_working_day(doc, staff):
    _deliberated(doc, staff)
    d = document_transition(actor=staff, document=doc, action="issue", on=D(2023, 9, 20), registration_no="1号")
    # 15 natural days → 10-5, inside the holiday → the 调休 Saturday 10-7
    assert d.filing_due == D(2023, 10, 7)


def test_a_local_working_day_filing_period_is_counted_across_the_holiday(doc, staff):
    # e.g. a county rule: filed within 3 working days of issue (docs/law.md ND-15); admins set it as a new version
    deadline_rule("documents.filing", D(2023, 1, 1))
    deadline_rule_revise(
        key="documents.filing",
        days=3,
        unit="working",
        source="某县规范性文件备案规定",
        valid_from=D(2023, 1, 1),
        actor=None,
    )
    _deliberated(doc, staff)
    d = document_transition(actor=staff, document=doc, action="issue", on=D(2023, 9, 27), registration_no="1号")
    assert d.filing_due == D(2023, 10, 8)  # 9-28, 10-7, 10-8
    d = document_transition(actor=staff, document=d, action="file", on=D(2023, 10, 9))
    assert d.filed_on_time is False
