"""Every write of the ledger app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.ledger.choices import Section
from fazhi.ledger.metrics import sync_ledger_metrics
from fazhi.ledger.models import Entry, EntryValue, FieldDef, Measure, RecordType

TYPE_LEVELS = {Level.COUNTY, Level.TOWNSHIP}


def _clean_pairs(pairs, label: str) -> list[tuple[str, object]]:
    """Drop blank rows; a row with a name needs its second part (unit) where that is text."""
    out = []
    for name, second in pairs:
        name = (name or "").strip()
        if isinstance(second, str):
            second = second.strip()
            if not name and not second:
                continue
            if not name:
                raise ValidationError({label: _("请填写名称。")})
            if not second:
                raise ValidationError({label: _("指标“%(name)s”须填写单位（如场次、人次、份）。") % {"name": name}})
        elif not name:
            continue
        out.append((name, second))
    names = [n for n, _s in out]
    if len(set(names)) != len(names):
        raise ValidationError({label: _("名称不能重复。")})
    return out


def record_type_create(
    *,
    actor,
    area: Area,
    name: str,
    section: str,
    measures: list[tuple[str, str]],
    fields: list[tuple[str, bool]] = (),
    description: str = "",
) -> RecordType:
    """Define a new kind of ledger record with its measures (name, unit) and optional fields — all or nothing."""
    require_area_writable(actor, Module.LEDGER, area)
    if area.level not in TYPE_LEVELS:
        raise ValidationError({"area": _("台账类型由乡镇或县一级定义。")})
    if section not in Section.values:
        raise ValidationError({"section": _("请选择报告部分。")})
    measures = _clean_pairs(measures, "measures")
    fields = _clean_pairs(fields, "fields")
    if not measures:
        raise ValidationError({"measures": _("至少定义一个统计指标（名称和单位）。")})
    with transaction.atomic():
        record_type = RecordType(area=area, name=name.strip(), section=section, description=description.strip())
        record_type.full_clean()
        record_type.save()
        for order, (m_name, unit) in enumerate(measures):
            measure = Measure(record_type=record_type, name=m_name, unit=unit, order=order)
            measure.full_clean()
            measure.save()
        for order, (f_name, required) in enumerate(fields):
            field = FieldDef(record_type=record_type, name=f_name, required=bool(required), order=order)
            field.full_clean()
            field.save()
        transaction.on_commit(sync_ledger_metrics)
    return record_type


def measure_add(*, actor, record_type: RecordType, name: str, unit: str) -> Measure:
    if actor is not None:
        require_change(actor, record_type)
    ((name, unit),) = _clean_pairs([(name, unit)], "measures") or [("", "")]
    if not name:
        raise ValidationError({"name": _("请填写名称。")})
    with transaction.atomic():
        order = record_type.measures.count()
        measure = Measure(record_type=record_type, name=name, unit=unit, order=order)
        measure.full_clean()
        measure.save()
        transaction.on_commit(sync_ledger_metrics)
    return measure


def entry_create(
    *,
    actor,
    record_type: RecordType,
    area: Area,
    occurred_on: datetime.date,
    values: dict[int, Decimal | None],
    extra: dict[int, str] | None = None,
    note: str = "",
    attachment=None,
) -> Entry:
    """Record one entry with a value for every measure of its type."""
    require_area_writable(actor, Module.LEDGER, area)
    extra = extra or {}
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not record_type.is_active:
        err("__all__", _("该台账类型已停用。"))
    if not area.path.startswith(record_type.area.path):
        err("area", _("所选区划不在该台账类型的适用范围内。"))
    if occurred_on > timezone.localdate():
        err("occurred_on", _("日期不能晚于今天。"))
    measures = list(record_type.measures.all())
    for measure in measures:
        value = values.get(measure.pk)
        field = f"measure_{measure.pk}"
        if value is None:
            err(field, _("请填写“%(name)s”。") % {"name": measure.name})
        elif value < 0:
            err(field, _("“%(name)s”不能为负数。") % {"name": measure.name})
    unknown = set(values) - {m.pk for m in measures}
    if unknown:
        err("__all__", _("含有不属于该台账类型的指标。"))
    for field_def in record_type.fields.all():
        if field_def.required and not (extra.get(field_def.pk) or "").strip():
            err(f"field_{field_def.pk}", _("请填写“%(name)s”。") % {"name": field_def.name})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = Entry(
            record_type=record_type,
            area=area,
            occurred_on=occurred_on,
            note=note,
            extra={str(k): v.strip() for k, v in extra.items() if v and v.strip()},
            recorded_by=actor,
        )
        if attachment:
            entry.attachment = attachment
        entry.full_clean()
        entry.save()
        for measure in measures:
            row = EntryValue(entry=entry, measure=measure, value=values[measure.pk])
            row.full_clean()
            row.save()
    return entry
