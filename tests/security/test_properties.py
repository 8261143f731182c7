"""Hypothesis property tests for the validators that take what people type or import: 身份证号, phone numbers,
dates, counts, file names, tokens, every form of the project and the Excel import rows. Whatever the input, the
answer is a value in the documented shape or a ValidationError with a Chinese message — never a crash."""

import datetime
import importlib
import inspect
import io
import re

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from fazhi.accounts import otp
from fazhi.accounts.roles import Role
from fazhi.areas.models import Area
from fazhi.core.uploads import MAX_NAME_LENGTH, safe_filename
from fazhi.grid import io as grid_io
from fazhi.people import io as people_io
from fazhi.people.validation import id_check_char, normalise_phone, parse_id_number
from tests.security.conftest import FIGURES

CJK = re.compile(r"[\u4e00-\u9fff]")
FAST = settings(max_examples=300, deadline=None)
DB = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Typed text: any printable character, including full-width digits, Arabic-Indic digits, Ｘ and spaces.
typed = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


def _counted(name: str) -> None:
    FIGURES[f"hypothesis examples: {name}"] += 1


def _chinese(exc: ValidationError) -> None:
    assert exc.messages and all(CJK.search(m) for m in exc.messages), exc.messages


# --- 身份证号 (GB 11643-1999) ---


def _valid_id(region: str, birth: datetime.date, sequence: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


valid_ids = st.builds(
    _valid_id,
    st.from_regex(r"\A[1-6][0-9]{5}\Z"),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2024, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
# The same number with some digits typed full-width (an input method's default) or in another script.
FOREIGN_DIGITS = ["０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९"]
foreign_ids = st.tuples(valid_ids, st.sampled_from(FOREIGN_DIGITS), st.sets(st.integers(0, 16), min_size=1)).map(
    lambda t: "".join(t[1][int(c)] if i in t[2] else c for i, c in enumerate(t[0]))
)


@FAST
@given(value=st.one_of(typed, st.from_regex(r"\A[0-9]{17}[0-9Xx]\Z"), valid_ids, foreign_ids))
def test_an_id_number_is_either_a_valid_ascii_number_or_refused_in_chinese(value):
    _counted("身份证号")
    try:
        number, birth, sex = parse_id_number(value)
    except ValidationError as exc:
        _chinese(exc)
    else:
        assert re.fullmatch(r"[0-9]{17}[0-9X]", number), repr(number)
        assert id_check_char(number[:17]) == number[17]
        assert birth.strftime("%Y%m%d") == number[6:14] and sex in {"male", "female"}


@FAST
@given(value=valid_ids, spaced=st.booleans())
def test_every_well_formed_id_number_is_accepted(value, spaced):
    _counted("身份证号")
    number, birth, sex = parse_id_number(f" {value[:6]} {value[6:]} " if spaced else value.lower())
    assert number == value and birth.strftime("%Y%m%d") == value[6:14]
    assert sex == ("male" if int(value[16]) % 2 else "female")


@FAST
@given(value=valid_ids)
def test_a_full_width_id_number_is_stored_as_its_ascii_form(value):
    _counted("身份证号")
    full_width = value.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert parse_id_number(full_width)[0] == value


# --- phone numbers ---


@FAST
@given(value=st.one_of(typed, st.from_regex(r"\A1[0-9]{10}\Z"), st.from_regex(r"\A1[0-9０-９٠-٩ -]{10,12}\Z")))
def test_a_phone_number_is_ascii_digits_or_refused_in_chinese(value):
    _counted("联系电话")
    try:
        phone = normalise_phone(value)
    except ValidationError as exc:
        _chinese(exc)
    else:
        assert phone == "" or re.fullmatch(r"1[0-9]{10}|0[0-9]{9,11}", phone), repr(phone)


# --- file names ---


@FAST
@given(name=st.one_of(typed, st.lists(st.sampled_from(["..", "/", "\\", "\x00", "etc", "passwd", ".xlsx", "名"]))))
def test_a_safe_file_name_never_climbs_out_or_hides_control_characters(name):
    if isinstance(name, list):
        name = "".join(name)
    _counted("文件名")
    result = safe_filename(name)
    assert result and len(result) <= MAX_NAME_LENGTH
    assert "/" not in result and "\\" not in result and not result.startswith(".")
    assert all(c.isprintable() for c in result)
    assert safe_filename(result) == result  # idempotent: a stored name passes through unchanged


# --- dates in the staff import ---


@FAST
@given(value=st.one_of(typed, st.dates().map(str), st.dates().map(lambda d: d.strftime("%Y/%m/%d")), st.integers()))
def test_an_import_date_is_a_date_or_none(value):
    _counted("日期")
    result = grid_io._date(value)
    assert result is None or isinstance(result, datetime.date)


# --- second-factor tokens ---


@DB
@given(token=st.one_of(typed, st.from_regex(r"\A[0-9]{6}\Z")))
def test_any_token_is_refused_in_chinese_and_never_crashes(world, token):
    _counted("动态口令")
    user = world.user(Role.SYS_ADMIN)
    otp.TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "手机令牌"})
    otp.TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    with pytest.raises(ValidationError) as caught:
        otp.totp_verify(user=user, token=token + "x")  # never a valid token: six digits at most pass the format
    _chinese(caught.value)


# --- every form of the project, with arbitrary text in every field ---


def _project_forms() -> list[type[forms.BaseForm]]:
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                found[f"{obj.__module__}.{obj.__name__}"] = obj
    return [found[k] for k in sorted(found)]


def _build(form_class, data, user):
    # Forms take their choices as keyword arguments; empty querysets make every choice invalid, which is the point.
    kwargs = {}
    for name, param in list(inspect.signature(form_class.__init__).parameters.items())[1:]:
        if name in BASE_FORM_PARAMETERS:
            continue
        # The views always pass these; None defaults would leave a field without a queryset.
        if param.kind in (param.KEYWORD_ONLY, param.POSITIONAL_OR_KEYWORD) and param.default in (param.empty, None):
            kwargs[name] = user if name == "user" else [] if name.endswith("defs") else Area.objects.none()
    if issubclass(form_class, AuthenticationForm):
        kwargs["request"] = RequestFactory().post("/accounts/login/")
    if issubclass(form_class, forms.ModelForm):
        return form_class(data=data)
    return form_class(data=data, **kwargs)


FORMS = _project_forms()
BASE_FORM_PARAMETERS = set(inspect.signature(forms.models.BaseModelForm.__init__).parameters)


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f"{f.__module__.split('.')[1]}.{f.__name__}")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_form_never_crashes_and_answers_bad_input_in_chinese(world, form_class, data):
    try:
        form = _build(form_class, None, world.user(Role.LEGAL_STAFF))
    except TypeError:
        pytest.skip(f"{form_class.__name__} needs a record to be built")  # e.g. a form bound to a user
    values = {name: data.draw(typed, label=name) for name in form.fields}
    form = _build(form_class, values, world.user(Role.LEGAL_STAFF))
    _counted("表单")
    form.is_valid()
    for field, errors in form.errors.items():
        for message in errors:
            assert CJK.search(message), (form_class.__name__, field, message)


# --- resident import rows ---

cell = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=25).filter(
    lambda s: not ILLEGAL_CHARACTERS_RE.search(s)
)


@DB
@given(rows=st.lists(st.lists(st.one_of(cell, st.integers(), st.floats(allow_nan=False)), min_size=9, max_size=9)))
def test_an_import_row_is_either_good_or_listed_with_a_chinese_message(world, rows):
    _counted("导入行")
    wb = Workbook()
    ws = wb.active
    ws.title = people_io.SHEET
    ws.append(people_io.COLUMNS)
    for row in rows:
        ws.append(["新红村第1网格" if i == 0 and r % 2 else v for i, v in enumerate(row) for r in [len(rows)]])
    buf = io.BytesIO()
    wb.save(buf)
    good, errors, total = people_io.parse(user=world.user(Role.GRID_MEMBER), content=buf.getvalue())
    assume(total)
    assert len({g.row for g in good} | {e.row for e in errors}) == total
    assert all(CJK.search(e.message) for e in errors)
    for g in good:
        assert re.fullmatch(r"[0-9]{17}[0-9X]", g.id_number) and len(g.name) <= 50
