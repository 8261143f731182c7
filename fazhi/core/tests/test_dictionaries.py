import pytest

from fazhi.core.dictionaries import dictionaries_read_once, dictionary_choices, dictionary_entry_save

CATEGORY = "publicity.theme"


@pytest.mark.django_db
def test_a_dictionary_is_read_once_inside_the_block_and_afresh_after_it(django_assert_num_queries):
    with django_assert_num_queries(1), dictionaries_read_once():
        first = dictionary_choices(CATEGORY)
        first.append(("tampered", "改动"))  # a caller changing its copy does not change the next answer
        assert ("tampered", "改动") not in dictionary_choices(CATEGORY)
    dictionary_entry_save(actor=None, category=CATEGORY, code="new_theme", label="新主题")
    with django_assert_num_queries(1):
        assert ("new_theme", "新主题") in dictionary_choices(CATEGORY)
