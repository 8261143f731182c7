import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from fazhi.accounts.roles import Role
from fazhi.core import metrics as core_metrics
from fazhi.core.metrics import Period
from fazhi.ledger import services
from fazhi.ledger.metrics import sync_ledger_metrics
from fazhi.ledger.models import Entry, EntryValue, FieldDef, Measure, RecordType
from fazhi.reports.selectors import metric_sections

D = datetime.date


@pytest.fixture(autouse=True)
def _clean_registry():
    yield
    for key in [k for k in core_metrics.METRICS if k.startswith("ledger.")]:
        del core_metrics.METRICS[key]


def _type_post_data(world, **overrides):
    data = {
        "area": world.township.pk,
        "name": "院坝会",
        "section": "publicity",
        "description": "",
        "m-TOTAL_FORMS": "4",
        "m-INITIAL_FORMS": "0",
        "m-0-name": "场次",
        "m-0-unit": "场次",
        "m-1-name": "参会群众",
        "m-1-unit": "人次",
        "f-TOTAL_FORMS": "3",
        "f-INITIAL_FORMS": "0",
        "f-0-name": "主持人",
        "f-0-required": "on",
    }
    data.update(overrides)
    return data


def test_a_type_defined_on_the_page_gets_entries_and_becomes_metrics_without_a_migration(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.user(Role.LEGAL_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ledger:type_create"), _type_post_data(world))
    record_type = RecordType.objects.get(name="院坝会")
    assert response.status_code == 302
    m_sessions, m_people = record_type.measures.order_by("order")
    field = record_type.fields.get()

    entry_url = reverse("ledger:entry_create", args=[record_type.pk])
    for village_day, sessions, people in [(D(2023, 3, 2), "1", "45"), (D(2023, 8, 9), "2", "80")]:
        response = client.post(
            entry_url,
            {
                "area": world.village.pk,
                "occurred_on": village_day.isoformat(),
                f"measure_{m_sessions.pk}": sessions,
                f"measure_{m_people.pk}": people,
                f"field_{field.pk}": "陈支书",
            },
        )
        assert response.status_code == 302
    assert Entry.objects.filter(record_type=record_type).count() == 2

    # The registry knows both measures, with values computed from exactly the entries.
    sessions_metric = core_metrics.METRICS[f"ledger.t{record_type.pk}_m{m_sessions.pk}"]
    people_metric = core_metrics.METRICS[f"ledger.t{record_type.pk}_m{m_people.pk}"]
    assert sessions_metric.label == "院坝会：场次" and sessions_metric.unit == "场次"
    assert sessions_metric.value(area=world.township, period=Period.year(2023)) == 3
    assert people_metric.value(area=world.township, period=Period.year(2023)) == 125
    assert set(people_metric.evidence(area=world.township, period=Period.year(2023))) == set(
        EntryValue.objects.filter(measure=m_people)
    )
    assert people_metric.value(area=world.other_township, period=Period.year(2023)) == 0

    page = client.get(reverse("ledger:type_detail", args=[record_type.pk]), {"year": 2023}).content.decode()
    assert "院坝会：参会群众" in page and "125 人次" in page

    # No migration is needed for the new type.
    call_command("makemigrations", "ledger", "--check", "--dry-run", verbosity=0)


def test_another_process_sees_a_new_type_after_sync_without_a_restart(world):
    record_type = services.record_type_create(
        actor=world.user(Role.LEGAL_STAFF),
        area=world.township,
        name="联合执法",
        section="administration",
        measures=[("行动", "次")],
    )
    key = f"ledger.t{record_type.pk}_m{record_type.measures.get().pk}"
    metrics = core_metrics.refresh()
    for k in [k for k in metrics if k.startswith("ledger.")]:
        del metrics[k]  # a fresh worker that started before the type existed
    metrics["ledger.t999999_m1"] = metrics["training.study_sessions"]  # stale key
    assert sync_ledger_metrics() == [key]
    assert key in core_metrics.METRICS and "ledger.t999999_m1" not in core_metrics.METRICS


def test_a_worker_started_before_the_type_existed_shows_its_figures_without_a_write(world, client, record_type):
    """Reading the registry for a page refreshes the ledger's keys (core.metrics.refresh)."""
    services.entry_create(
        actor=world.user(Role.LEGAL_STAFF),
        record_type=record_type,
        area=world.village,
        occurred_on=D(2023, 5, 1),
        values=_values(record_type, Decimal(2), Decimal(40)),
        extra={record_type.fields.get().pk: "陈支书"},
    )
    key = f"ledger.t{record_type.pk}_m{record_type.measures.get(name='参会群众').pk}"
    sync_ledger_metrics()
    section = next(s.number for s in metric_sections(world.township) if key in s.keys)
    # the township's own type: on its pages and its county's, not on another township's
    assert any(key in s.keys for s in metric_sections(world.township.parent))
    assert not any(key in s.keys for s in metric_sections(world.other_township))
    kept = core_metrics.METRICS[key]
    core_metrics.refresh()
    assert core_metrics.METRICS[key] is kept  # unchanged: compiled SQL cached per Metric stays valid

    def forget():  # as in a worker that started before the type existed and has written no ledger row since
        for k in [k for k in core_metrics.METRICS if k.startswith("ledger.")]:
            del core_metrics.METRICS[k]

    client.force_login(world.user(Role.LEGAL_STAFF))
    place = {"area": world.township.pk, "year": 2023}
    forget()
    evidence = client.get(reverse("reports:metric_evidence", kwargs={"key": key}), place)
    assert evidence.status_code == 200 and "院坝会：参会群众" in evidence.content.decode()
    forget()
    figures = client.get(reverse("reports:metric_list"), {**place, "section": section}).content.decode()
    assert "院坝会：参会群众" in figures and "40" in figures
    # a measure another worker added (no on_commit sync here) is found by the next read's fingerprint
    added = Measure.objects.create(record_type=record_type, name="发放资料", unit="份", order=9)
    assert added.metric_key in core_metrics.refresh()


def test_a_ledger_figure_speaks_the_language_of_the_page_not_of_the_request_that_synced_it(world, record_type):
    with translation.override("zh-hans"):
        sync_ledger_metrics()
    metric = core_metrics.METRICS[f"ledger.t{record_type.pk}_m{record_type.measures.get(name='参会群众').pk}"]
    with translation.override("en"):
        assert str(metric.label) == "院坝会: 参会群众"
        assert str(metric.section) == "I. Main measures and results: legal publicity"
    with translation.override("zh-hans"):
        assert (str(metric.label), str(metric.section)) == ("院坝会：参会群众", "一、主要举措和成效：普法宣传")


def test_a_measure_without_unit_is_refused_and_nothing_is_saved(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("ledger:type_create"), _type_post_data(world, **{"m-1-unit": ""}))
    assert response.status_code == 200
    assert "指标“参会群众”须填写单位（如场次、人次、份）。" in response.content.decode()
    assert not RecordType.objects.exists() and not Measure.objects.exists() and not FieldDef.objects.exists()


def test_a_type_needs_at_least_one_measure(world):
    with pytest.raises(ValidationError) as exc:
        services.record_type_create(
            actor=world.user(Role.LEGAL_STAFF), area=world.township, name="x", section="other", measures=[("", "")]
        )
    assert exc.value.message_dict["measures"] == ["至少定义一个统计指标（名称和单位）。"]


@pytest.fixture
def record_type(world):
    return services.record_type_create(
        actor=world.user(Role.LEGAL_STAFF),
        area=world.township,
        name="院坝会",
        section="publicity",
        measures=[("场次", "场次"), ("参会群众", "人次")],
        fields=[("主持人", True)],
    )


def _values(record_type, a, b):
    first, second = record_type.measures.order_by("order")
    return {first.pk: a, second.pk: b}


@pytest.mark.parametrize(
    ("values", "field_text", "day_offset", "message"),
    [
        ((Decimal(1), Decimal(-3)), "陈", 0, "“参会群众”不能为负数。"),
        ((Decimal(1), None), "陈", 0, "请填写“参会群众”。"),
        ((Decimal(1), Decimal(3)), "", 0, "请填写“主持人”。"),
        ((Decimal(1), Decimal(3)), "陈", 2, "日期不能晚于今天。"),
    ],
)
def test_bad_entries_are_refused_in_chinese_and_nothing_is_saved(
    world, record_type, values, field_text, day_offset, message
):
    day = timezone.localdate() + datetime.timedelta(days=day_offset) if day_offset else D(2023, 5, 1)
    with pytest.raises(ValidationError) as exc:
        services.entry_create(
            actor=world.user(Role.LEGAL_STAFF),
            record_type=record_type,
            area=world.village,
            occurred_on=day,
            values=_values(record_type, *values),
            extra={record_type.fields.get().pk: field_text},
        )
    assert message in exc.value.messages
    assert not Entry.objects.exists() and not EntryValue.objects.exists()


def test_entries_stay_inside_the_users_scope_and_the_types_area(world, record_type):
    with pytest.raises(PermissionDenied):
        services.entry_create(
            actor=world.user(Role.LEGAL_STAFF),
            record_type=record_type,
            area=world.foreign_grid.parent,
            occurred_on=D(2023, 5, 1),
            values=_values(record_type, Decimal(1), Decimal(2)),
            extra={record_type.fields.get().pk: "x"},
        )
    with pytest.raises(PermissionDenied):
        services.entry_create(
            actor=world.user(Role.LEADER),
            record_type=record_type,
            area=world.village,
            occurred_on=D(2023, 5, 1),
            values=_values(record_type, Decimal(1), Decimal(2)),
            extra={record_type.fields.get().pk: "x"},
        )
    assert not Entry.objects.exists()


def test_a_measure_added_later_becomes_a_metric_too(world, record_type, client, django_capture_on_commit_callbacks):
    client.force_login(world.user(Role.LEGAL_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ledger:type_detail", args=[record_type.pk]), {"name": "发放资料", "unit": "份"})
    assert response.status_code == 302
    measure = record_type.measures.get(name="发放资料")
    assert measure.metric_key in core_metrics.METRICS


def test_the_type_page_runs_a_fixed_number_of_queries(world, record_type, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = world.user(Role.LEGAL_STAFF)

    def add(n):
        for i in range(n):
            services.entry_create(
                actor=staff,
                record_type=record_type,
                area=world.village,
                occurred_on=D(2023, 4, 1 + i),
                values=_values(record_type, Decimal(1), Decimal(10)),
                extra={record_type.fields.get().pk: "陈"},
            )

    client.force_login(staff)
    add(1)
    url = reverse("ledger:type_detail", args=[record_type.pk])
    client.get(url, {"year": 2023})  # the year is remembered in the session once, before counting
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"year": 2023})
    add(6)
    with django_assert_num_queries(len(one)):
        page = client.get(url, {"year": 2023}).content.decode()
    assert "院坝会：参会群众" in page and "70 人次" in page
