import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.people.tests.conftest import make_id
from fazhi.people.validation import parse_id_number, pinyin_keys


def test_a_good_number_gives_birth_date_and_sex():
    _number, birth, sex = parse_id_number(make_id("19900101", 123))
    assert birth == datetime.date(1990, 1, 1)
    assert sex == "male"  # 17th digit 3 is odd
    assert parse_id_number(make_id("19851231", 124))[2] == "female"


def test_the_official_example_with_check_character_x_is_accepted():
    # GB 11643-1999 appendix example 11010519491231002X.
    assert parse_id_number("11010519491231002x")[0] == "11010519491231002X"


def test_a_wrong_check_digit_is_refused_with_a_chinese_message():
    good = make_id()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        parse_id_number(bad)
    assert "校验码" in exc.value.messages[0]


def test_an_impossible_birth_date_is_refused():
    first17 = "50022919900230123"  # 30 February
    with pytest.raises(ValidationError) as exc:
        parse_id_number(first17 + "0")
    assert "出生日期" in exc.value.messages[0]


def test_a_future_birth_date_is_refused():
    with pytest.raises(ValidationError) as exc:
        parse_id_number(make_id("20990101"))
    assert "出生日期" in exc.value.messages[0]


def test_a_15_digit_legacy_number_is_refused_with_a_message():
    with pytest.raises(ValidationError) as exc:
        parse_id_number("500229900101123")
    assert "15位" in exc.value.messages[0]


@pytest.mark.parametrize("value", ["", "abc", "5002291990010112345", "50022919900101123Y"])
def test_malformed_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        parse_id_number(value)


def test_pinyin_keys_give_full_spelling_and_initials():
    assert pinyin_keys("张三") == ("zhangsan", "zs")
