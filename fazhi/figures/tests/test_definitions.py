"""Figures defined as data: subsets, sums with 约数, rates, changes, breakdowns, and what cannot be computed."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.facts import Aggregation, PeriodKind, Writing
from fazhi.core.metrics import Period, metric_values, refresh
from fazhi.figures import services
from fazhi.figures.choices import FigureKind
from fazhi.figures.models import FigureDefinition
from fazhi.figures.writing import format_value
from fazhi.publicity.services import MaterialInput, activity_create

Y = 2025


@pytest.fixture
def town(world):
    dictionary_seed()
    staff = world.user(Role.LEGAL_STAFF)
    on = datetime.date(Y, 3, 5)
    for form, n in (("courtyard", 3), ("lecture", 2)):
        for i in range(n):
            activity_create(
                actor=staff, area=world.village, held_on=on, title=f"{form}{i}", form=form, participants=10 + i
            )
    activity_create(
        actor=staff,
        area=world.village,
        held_on=on,
        title="发放资料",
        form="campaign",
        materials=[MaterialInput(kind="other", quantity=3000, unit="份", approximate=True)],
    )
    activity_create(actor=staff, area=world.village, held_on=datetime.date(Y - 1, 6, 1), title="去年", form="lecture")
    world.staff = staff
    return world


def _save(world, **values):
    values.setdefault("name", "测试指标")
    values.setdefault("unit", "次")
    return services.definition_save(actor=world.staff, area=world.township, values=values)


def _activities(world, *forms: str, op: str = "in"):
    """A count of 普法 activities, of the given forms (or not of them) when any are named."""
    filters = [{"dim": "form", "op": op, "values": list(forms)}] if forms else []
    return _save(world, kind=FigureKind.AGGREGATE, record_type="publicity.activity", filters=filters)


def _value(definition, area, year=Y):
    metric = refresh()[definition.key]
    return metric_values(area=area, requests=[(metric, Period.year(year))])[0]


def test_a_subset_count_counts_only_the_chosen_form(town):
    courtyard = _activities(town, "courtyard")
    others = _activities(town, "courtyard", op="not_in")
    assert courtyard.key == f"custom.{courtyard.pk}"
    assert _value(courtyard, town.township) == 3
    assert _value(others, town.township) == 3  # two lectures and the handing-out
    assert _value(courtyard, town.township, Y - 1) == 0
    assert _value(courtyard, town.other_township) == 0
    records = refresh()[courtyard.key].evidence(area=town.township, period=Period.year(Y))
    assert sorted(r.title for r in records) == ["courtyard0", "courtyard1", "courtyard2"]


def test_a_sum_honours_the_approximate_flag_and_writes_yu_even_when_round(town):
    handed = _save(
        town,
        unit="份",
        kind=FigureKind.AGGREGATE,
        record_type="publicity.material",
        aggregation=Aggregation.SUM,
        field="quantity",
        writing=Writing.FLAG,
    )
    metric = refresh()[handed.key]
    value, flagged = metric_values(
        area=town.township, requests=[(metric, Period.year(Y)), (metric.approx, Period.year(Y))]
    )
    assert (value, flagged) == (3000, 1)
    assert format_value(value, approx=True) == "3000"  # 余 by the number alone: a round number stays exact
    assert format_value(value, approx=True, flagged=bool(flagged)) == "3000余"


def test_a_rate_is_undefined_over_zero_and_a_percentage_otherwise(town):
    courtyard = _activities(town, "courtyard")
    lectures = _activities(town, "lecture", "courtyard")
    rate = _save(
        town, name="院坝会占比", unit="%", kind=FigureKind.RATE, numerator=courtyard, denominator=lectures, decimals=1
    )
    assert str(_value(rate, town.township)) == "60.0"
    assert _value(rate, town.other_township) is None  # 0 ÷ 0: not 0 %, not 100 %


def test_a_rate_over_different_periods_is_refused(town):
    activities = _activities(town)
    to_date = _save(town, kind=FigureKind.AGGREGATE, record_type="publicity.activity", period=PeriodKind.CUMULATIVE)
    before = FigureDefinition.objects.count()
    with pytest.raises(ValidationError) as exc:
        _save(town, kind=FigureKind.RATE, numerator=activities, denominator=to_date)
    assert "统计期间不同" in " ".join(exc.value.messages)
    assert FigureDefinition.objects.count() == before


def test_a_change_against_last_year_and_no_data_last_year(town):
    lectures = _activities(town, "lecture")
    change = _save(town, name="讲座较上年", kind=FigureKind.CHANGE, base=lectures, decimals=0)
    assert str(_value(change, town.township)) == "100"  # 2 this year against 1
    assert _value(change, town.township, Y - 1) is None  # nothing the year before: no change to state


def test_a_breakdown_lists_its_parts_which_add_up(town):
    activities = _activities(town)
    by_form = _save(town, name="其中按形式", kind=FigureKind.BREAKDOWN, base=activities, dimension="form")
    metric = refresh()[by_form.key]
    period = Period.year(Y)
    values = metric_values(
        area=town.township, requests=[(metric, period), *((p, period) for _l, p in metric.breakdown)]
    )
    parts = dict(zip((label for label, _p in metric.breakdown), values[1:], strict=True))
    assert values[0] == 6
    assert parts["院坝会"] == 3 and parts["讲座"] == 2
    assert sum(values[1:]) == values[0]


def test_a_circular_definition_is_refused(town):
    activities = _activities(town)
    rate = _save(town, name="比率", kind=FigureKind.RATE, numerator=activities, denominator=activities)
    change = _save(town, name="变化", kind=FigureKind.CHANGE, base=rate)
    for numerator in (rate, change):  # itself, or through the change that rests on it
        with pytest.raises(ValidationError) as exc:
            services.definition_save(
                actor=town.staff,
                area=town.township,
                definition=rate,
                values={"kind": FigureKind.RATE, "numerator": numerator, "denominator": activities, "name": "比率"},
            )
        assert "循环引用" in " ".join(exc.value.messages)
    assert FigureDefinition.objects.get(pk=rate.pk).numerator_id == activities.pk


def test_a_filter_on_a_value_that_does_not_exist_is_refused_with_its_name(town):
    with pytest.raises(ValidationError) as exc:
        _activities(town, "no_such_form")
    assert "no_such_form" in " ".join(exc.value.messages) and "已不存在" in " ".join(exc.value.messages)


def test_a_stored_definition_that_breaks_later_is_broken_not_zero(town):
    from fazhi.core.models import DictionaryEntry
    from fazhi.figures.registry import BROKEN

    courtyard = _activities(town, "arts")
    assert _value(courtyard, town.township) == 0
    DictionaryEntry.objects.filter(category="publicity.form", code="arts").delete()
    registry = refresh()
    assert courtyard.key not in registry
    assert "已不存在" in BROKEN[courtyard.key]


def test_a_new_definition_counts_in_the_very_next_read(town):
    refresh()
    activities = _activities(town)
    assert activities.key in refresh()


def test_built_in_figures_cannot_be_changed_only_copied(town):
    builtin = FigureDefinition.objects.filter(builtin=True).first()
    assert builtin is not None, "post_migrate keeps a row per built-in spec"
    with pytest.raises(PermissionDenied):
        services.definition_save(actor=town.staff, area=town.township, definition=builtin, values={"name": "改"})
    copy = services.definition_copy(actor=town.staff, definition=builtin, area=town.township)
    assert copy.key != builtin.key and not copy.builtin and copy.record_type == builtin.record_type


def test_a_township_user_cannot_define_for_another_township(town):
    with pytest.raises(PermissionDenied):
        services.definition_save(
            actor=town.staff,
            area=town.other_township,
            values={"name": "越权", "kind": FigureKind.AGGREGATE, "record_type": "publicity.activity"},
        )
    assert not FigureDefinition.objects.filter(name="越权").exists()


def test_a_stale_edit_is_refused(town):
    activities = _activities(town)
    services.definition_save(
        actor=town.staff, area=town.township, definition=activities, version=1, values={"name": "第一次"}
    )
    with pytest.raises(ValidationError) as exc:
        services.definition_save(
            actor=town.staff, area=town.township, definition=activities, version=1, values={"name": "第二次"}
        )
    assert "已被他人修改" in " ".join(exc.value.messages)
    assert FigureDefinition.objects.get(pk=activities.pk).name == "第一次"


def test_export_and_import_carry_a_set_to_another_area_with_its_references(town):
    courtyard = _activities(town, "courtyard")
    activities = _activities(town)
    _save(town, name="院坝会占比", kind=FigureKind.RATE, numerator=courtyard, denominator=activities)
    text = services.definitions_export(definitions=FigureDefinition.objects.filter(area=town.township))
    made = services.definitions_import(actor=None, area=town.county, text=text)
    assert len(made) == 3
    rate = next(d for d in made if d.kind == FigureKind.RATE)
    assert rate.area == town.county and rate.numerator.area == town.county
    assert str(_value(rate, town.township)) == "50.0"


def test_an_import_with_a_broken_figure_imports_nothing(town):
    rows = [
        {"key": "a", "name": "好", "kind": "aggregate", "record_type": "publicity.activity", "unit": "次"},
        {"key": "b", "name": "坏", "kind": "aggregate", "record_type": "no.such_type", "unit": "次"},
    ]
    before = FigureDefinition.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.definitions_import(
            actor=None, area=town.county, text=json.dumps({"format": services.EXPORT_FORMAT, "figures": rows})
        )
    assert "坏" in " ".join(exc.value.messages)
    assert FigureDefinition.objects.count() == before
    malformed = [{"key": "c", "name": "乱", "kind": "aggregate", "record_type": "publicity.activity", "filters": "x"}]
    with pytest.raises(ValidationError) as exc:
        services.definitions_import(
            actor=None, area=town.county, text=json.dumps({"format": services.EXPORT_FORMAT, "figures": malformed})
        )
    assert "筛选条件的格式不正确" in " ".join(exc.value.messages)
    assert FigureDefinition.objects.count() == before
    with pytest.raises(ValidationError):
        services.definitions_import(actor=None, area=town.county, text="not json")


def test_a_county_defined_figure_shows_for_every_township_and_the_county(town):
    from fazhi.reports.selectors import county_rollup

    activity_create(actor=None, area=town.other_township, held_on=datetime.date(Y, 5, 1), title="镇上", form="lecture")
    lectures = services.definition_save(
        actor=None,
        area=town.county,
        values={
            "name": "县考核：讲座",
            "unit": "场次",
            "kind": FigureKind.AGGREGATE,
            "record_type": "publicity.activity",
            "filters": [{"dim": "form", "op": "in", "values": ["lecture"]}],
        },
    )
    rollup = county_rollup(county=town.county, year=Y, keys=[], today=datetime.date(Y + 1, 1, 5))
    assert rollup["labels"][0] == "县考核：讲座"
    by_township = {row["area"].name: row["values"][0] for row in rollup["townships"]}
    assert by_township == {"治平乡": 2, "明通镇": 1}
    assert rollup["totals"][0] == 3
    assert refresh()[lectures.key].applies_to(town.township)
    assert not refresh()[lectures.key].applies_to(town.foreign_grid)
