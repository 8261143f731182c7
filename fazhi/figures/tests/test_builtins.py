"""The built-in figures exist and can be computed on any migrated database, before anyone runs setup."""

import pytest
from django.core.management import call_command

from fazhi.core.metrics import refresh
from fazhi.core.models import DictionaryEntry
from fazhi.figures.models import FigureDefinition
from fazhi.figures.registry import BROKEN
from fazhi.people.choices import TAG


def _builtins_all_registered() -> None:
    metrics = refresh()
    builtin = set(FigureDefinition.objects.filter(builtin=True).values_list("key", flat=True))
    assert builtin and not builtin & set(BROKEN), {key: BROKEN[key] for key in builtin & set(BROKEN)}
    assert builtin <= set(metrics)
    # A built-in that filters on a 数据字典 code: computable because the declared defaults were seeded by migrate.
    assert DictionaryEntry.objects.filter(category=TAG, code="veteran").exists()
    assert "people.residents.veteran" in metrics


def test_a_migrated_database_has_every_builtin_figure_registered_and_none_broken(db):
    _builtins_all_registered()


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_dictionary_defaults_and_the_builtins_back():
    call_command("flush", interactive=False, verbosity=0)
    _builtins_all_registered()
