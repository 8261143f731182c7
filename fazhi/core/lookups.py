"""Integers out of the column's range match nothing in an ``__in`` lookup, as they already do in ``exact``.

Security review (low): a number ≥ 2^63 posted in a multi-select (``ModelMultipleChoiceField`` looks the choices up
with ``pk__in``) or an id list reached SQLite, whose driver raises OverflowError: a 500 instead of the form's
"不在可用的选项中" error. Django drops such values from ``exact``/``gt``/``lt`` (``IntegerFieldOverflow``) but not from
``in``; one lookup registered on integer fields and foreign keys covers every form, filter and API parameter that
becomes an ``__in``, so no form needs its own check.
"""

from django.db import models
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class OutOfRangeMatchesNothing:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field = self.lhs.output_field
            field = getattr(field, "target_field", None) or field  # a foreign key compares its target's integers
            kind = field.get_internal_type()
            if kind in connection.ops.integer_field_ranges:
                low, high = connection.ops.integer_field_range(kind)
                self.rhs = [
                    value
                    for value in self.rhs
                    if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
                ]
        return super().process_rhs(compiler, connection)


class IntegerIn(OutOfRangeMatchesNothing, In):
    pass


class ForeignKeyIn(OutOfRangeMatchesNothing, RelatedIn):
    pass


def install() -> None:
    models.IntegerField.register_lookup(IntegerIn)
    models.ForeignKey.register_lookup(ForeignKeyIn)
