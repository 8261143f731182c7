"""Every declared record type resolves against its model, and every built-in figure names only declared facts.

A misspelled path in a declaration would otherwise surface only when someone builds a figure on it; here each
record type's area path, dates, base, dimensions and quantities are compiled and run, for every period kind it
offers, on an empty database and on a small world.
"""

import datetime

import pytest
from django.core.exceptions import FieldError
from django.db.models import Count, Q, Sum

from fazhi.core import facts
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.facts import Aggregation, Dimension, PeriodKind, Quantity, RecordType
from fazhi.core.metrics import Period, refresh
from fazhi.ledger.metrics import figure_specs as ledger_figure_specs

START, END = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)


def _first_value(dimension: Dimension) -> list[str]:
    values = dimension.values()
    # An empty 数据字典 (the empty database) still has to compile the path: any code will do.
    return [values[0][0]] if values else ["?"]


def _exercise(record_type: RecordType, *, area_path: str) -> None:
    """Build and run every query a definition over `record_type` could make; raises if any path is wrong."""
    record_type.model_class()
    kinds = [code for code, _label in record_type.period_kinds()]
    assert kinds, record_type.key
    dimensions = record_type.all_dimensions()
    every = [{"dim": d.name, "values": _first_value(d)} for d in dimensions]
    cases = [[], every, *([f] for f in every), *([{**f, "op": "not_in"}] for f in every)]
    for kind in kinds:
        for filters in cases:
            qs = record_type.records(area_path=area_path, start=START, end=END, kind=kind, filters=filters)
            qs.count()
        qs = record_type.records(area_path=area_path, start=START, end=END, kind=kind, filters=[])
        for quantity in record_type.sums:
            qs.aggregate(v=Sum(quantity.path))
        for quantity in record_type.distincts:
            qs.aggregate(v=Count(quantity.path, distinct=True))


def _all_specs() -> list[facts.FigureSpec]:
    return [*facts.BUILTIN_FIGURES.values(), *ledger_figure_specs()]


def _ledger_type(world):
    from fazhi.ledger.models import Entry, EntryValue, Measure
    from fazhi.ledger.models import RecordType as LedgerType

    ledger_type = LedgerType.objects.create(area=world.township, name="法治宣传车巡回", section="publicity")
    measure = Measure.objects.create(record_type=ledger_type, name="巡回场次", unit="场")
    entry = Entry.objects.create(area=world.village, record_type=ledger_type, occurred_on=datetime.date(2024, 3, 1))
    EntryValue.objects.create(entry=entry, measure=measure, value=3)
    return ledger_type, measure


def test_every_record_type_resolves_on_an_empty_database(db):
    types = facts.record_types()
    assert len(types) > 40
    for record_type in types.values():
        _exercise(record_type, area_path="0001")


def test_every_record_type_resolves_on_a_world_with_its_dictionaries(world):
    dictionary_seed()
    _ledger_type(world)
    for record_type in facts.record_types().values():
        _exercise(record_type, area_path=world.township.path)


@pytest.mark.parametrize(
    "broken",
    [
        {"area_path": "area__pth"},
        {"date": "held_onn"},
        {"base": Q(strandd="popular")},
        {"dimensions": (Dimension("x", "x", "strnd", choices=lambda: [("a", "a")]),)},
        {"dimensions": (Dimension("x", "x", "themes__thme", choices=lambda: [("a", "a")], multi=True),)},
        {"dimensions": (Dimension("x", "x", flag=Q(plan_itm__isnull=False)),)},
        {"sums": (Quantity("x", "x", "participant"),)},
        {"distincts": (Quantity("x", "x", "arae"),)},
    ],
)
def test_a_misspelled_path_fails_the_check(db, broken):
    record_type = RecordType(**{"key": "t.t", "label": "t", "model": "publicity.Activity", "date": "held_on", **broken})
    with pytest.raises(FieldError):
        _exercise(record_type, area_path="0001")


def test_a_misspelled_start_or_end_fails_the_check(db):
    for broken in ({"start": "valid_frm", "end": "valid_to"}, {"start": "valid_from", "end": "valid_t"}):
        record_type = RecordType(key="t.t", label="t", model="grid.GridStaff", **broken)
        with pytest.raises(FieldError):
            _exercise(record_type, area_path="0001")


def test_every_builtin_figure_names_declared_facts(world):
    dictionary_seed()
    _ledger_type(world)
    types = facts.record_types()
    specs = _all_specs()
    assert len(specs) > 100
    for spec in specs:
        record_type = types.get(spec.record_type)
        assert record_type is not None, spec.key
        assert spec.aggregation in dict(Aggregation.CHOICES), spec.key
        if spec.aggregation == Aggregation.COUNT:
            assert not spec.field, spec.key
        else:
            assert record_type.quantity(spec.field, kind=spec.aggregation) is not None, spec.key
        assert spec.period in dict(record_type.period_kinds()), spec.key
        for item in spec.filters:
            dimension = record_type.dimension(item["dim"])
            assert dimension is not None, (spec.key, item["dim"])
            assert item.get("op", "in") in ("in", "not_in"), spec.key
            codes = {code for code, _label in dimension.values()}
            assert item["values"] and set(item["values"]) <= codes, (spec.key, item)


def test_every_registered_figure_has_a_spec_of_the_same_key_label_unit_and_section(world):
    _ledger_type(world)
    specs = {spec.key: spec for spec in _all_specs()}
    types = facts.record_types()
    for key, metric in refresh().items():
        spec = specs.get(key)
        assert spec is not None, key
        assert (str(spec.label), str(spec.unit)) == (str(metric.label), str(metric.unit)), key
        assert str(spec.section or types[spec.record_type].section) == str(metric.section), key


def test_a_ledger_measure_counts_its_value_rows_as_its_metric_does(world, django_assert_num_queries):
    ledger_type, measure = _ledger_type(world)
    metrics = refresh()
    spec = next(s for s in ledger_figure_specs() if s.key == measure.metric_key)
    record_type = facts.record_type(spec.record_type)
    assert record_type.area_owner == world.township.path
    assert facts.record_type(f"ledger.t{ledger_type.pk}").label == "法治宣传车巡回"
    qs = record_type.records(area_path=world.township.path, start=START, end=END, kind=spec.period, filters=[])
    metric = metrics[measure.metric_key]
    period = Period(START, END)
    assert qs.aggregate(v=Sum("value"))["v"] == metric.value(area=world.township, period=period) == 3
    assert set(qs.values_list("pk", flat=True)) == set(
        metric.evidence(area=world.township, period=period).values_list("pk", flat=True)
    )
    with django_assert_num_queries(1):  # unchanged types and measures: the fingerprint only
        facts.record_types()


def test_standing_kinds_place_a_post_by_its_start_and_end(world):
    from fazhi.grid.models import GridStaff

    grid_staff = facts.record_type("grid.staff")

    def posts(kind):
        qs = grid_staff.records(area_path=world.township.path, start=START, end=END, kind=kind, filters=[])
        return set(qs.values_list("name", flat=True))

    def post(name, valid_from, valid_to=None):
        GridStaff.objects.create(
            area=world.grid, post="leader", name=name, valid_from=valid_from, valid_to=valid_to, phone="", unit=""
        )

    post("left_before", datetime.date(2020, 1, 1), datetime.date(2024, 1, 1))
    post("left_in_year", datetime.date(2020, 1, 1), datetime.date(2024, 6, 1))
    post("new_in_year", datetime.date(2024, 6, 1))
    post("standing", datetime.date(2020, 1, 1))
    post("future", datetime.date(2025, 1, 1))
    assert posts(PeriodKind.ACTIVE) == {"left_in_year", "new_in_year", "standing"}
    assert posts(PeriodKind.STANDING) == {"new_in_year", "standing"}
    assert posts(PeriodKind.NEW) == {"new_in_year"}
    assert posts(PeriodKind.CUMULATIVE) == {"left_before", "left_in_year", "new_in_year", "standing"}
