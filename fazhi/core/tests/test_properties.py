"""Property-based tests (Hypothesis) for the kernel's validators and invariants: never a crash, always a Chinese
message, and the arithmetic laws the deadline engine relies on."""

import datetime
import re
import string

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fazhi.accounts.validators import PasswordPolicyValidator
from fazhi.areas.models import Area, Level
from fazhi.areas.services import area_create
from fazhi.core.audit import compute_hash, verify_chain
from fazhi.core.management.commands.setup_platform import seed_calendar
from fazhi.core.models import AuditEntry, CalendarDay
from fazhi.core.workdays import add_working_days, is_workday, working_days_between

CJK = re.compile(r"[\u4e00-\u9fff]")
DB_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# --- password policy (GB/T 22239-2019 身份鉴别; docs/law.md SEC-18) ---


def _classes(password: str) -> int:
    return sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or not c.isalnum() for c in password),
        ]
    )


@given(st.text(max_size=40))
def test_password_policy_accepts_exactly_the_long_enough_three_class_passwords(password):
    validator = PasswordPolicyValidator(min_length=8, min_classes=3)
    should_pass = len(password) >= 8 and _classes(password) >= 3
    try:
        validator.validate(password)
    except ValidationError as exc:
        assert not should_pass
        assert all(CJK.search(m) for m in _messages(exc))
    else:
        assert should_pass


@given(
    st.lists(st.sampled_from(["a", "B", "7", "_"]), min_size=3, max_size=4, unique=True),
    st.text(alphabet=string.ascii_letters + string.digits, min_size=8, max_size=20),
)
def test_a_password_with_three_classes_and_eight_characters_always_passes(classes, body):
    PasswordPolicyValidator().validate(body + "".join(classes))


# --- 统计用区划代码 (12 digits) ---


@pytest.fixture
def township(db):
    city = area_create(actor=None, parent=None, level=Level.CITY, name="测试市", code="990000000000")
    county = area_create(actor=None, parent=city, level=Level.COUNTY, name="测试县", code="990100000000")
    return area_create(actor=None, parent=county, level=Level.TOWNSHIP, name="测试乡", code="990101000000")


def _try_village_code(township, code):
    before = Area.objects.count()
    with transaction.atomic():
        try:
            area = area_create(actor=None, parent=township, level=Level.VILLAGE, name="测试村", code=code)
        except ValidationError as exc:
            assert all(CJK.search(m) for m in _messages(exc)), exc
            assert Area.objects.count() == before  # nothing half-saved
        else:
            assert re.fullmatch(r"[0-9]{12}", area.code), repr(area.code)
        finally:
            transaction.set_rollback(True)


@DB_SETTINGS
@given(code=st.one_of(st.text(max_size=14), st.from_regex(r"\A[0-9]{12}\Z")))
def test_a_village_code_is_saved_only_if_it_is_twelve_ascii_digits(township, code):
    _try_village_code(township, code)


@DB_SETTINGS
@given(code=st.text(alphabet="0123456789０１２٣", min_size=12, max_size=12))
def test_full_width_digits_are_not_a_village_code(township, code):
    _try_village_code(township, code)


# --- working days (docs/law.md T-01) ---


@pytest.fixture
def calendar(db):
    seed_calendar()  # the State Council holiday schedule, as in production
    CalendarDay.objects.update_or_create(date=datetime.date(2024, 3, 6), defaults={"is_workday": False, "name": "测试"})
    return CalendarDay.objects.count()


@DB_SETTINGS
@given(
    start=st.dates(min_value=datetime.date(2004, 1, 1), max_value=datetime.date(2026, 12, 31)),
    n=st.integers(min_value=1, max_value=90),
)
def test_adding_n_working_days_lands_on_a_working_day_exactly_n_working_days_later(calendar, start, n):
    due = add_working_days(start, n)
    assert due > start
    assert is_workday(due)
    assert working_days_between(start, due) == n
    assert working_days_between(start, due - datetime.timedelta(days=1)) == n - 1  # it is the first such day
    assert add_working_days(start, n + 1) > due


@DB_SETTINGS
@given(start=st.dates(min_value=datetime.date(2004, 1, 1), max_value=datetime.date(2026, 12, 31)))
def test_zero_working_days_is_the_start_day_and_negative_is_refused(calendar, start):
    assert add_working_days(start, 0) == start
    with pytest.raises(ValueError):
        add_working_days(start, -1)


# --- the audit hash chain over any content ---

json_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=20)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**62), max_value=2**62)
    | st.floats(allow_nan=False, allow_infinity=False)
    | json_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(json_text, children, max_size=4),
    max_leaves=12,
)


@DB_SETTINGS
@given(repr_text=json_text, changes=st.dictionaries(json_text, json_values, max_size=4), extra=json_values)
def test_any_entry_content_survives_the_database_and_verifies(db, repr_text, changes, extra):
    assume(repr_text.strip())
    ct = ContentType.objects.get_for_model(CalendarDay)
    with transaction.atomic():
        entry = AuditEntry(
            content_type=ct,
            object_pk="7",
            object_id=7,
            object_repr=repr_text,
            action=AuditEntry.Action.UPDATE,
            changes=changes,
            additional_data=extra,
        )
        entry.save()
        stored = AuditEntry.objects.get(pk=entry.pk)
        assert compute_hash(stored) == stored.entry_hash
        assert verify_chain().ok
        transaction.set_rollback(True)
