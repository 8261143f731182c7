"""A definition in words a 法治工作人员 reads: record type, filters and period by their Chinese names."""

from django.utils.translation import gettext as _

from fazhi.core import facts
from fazhi.figures.choices import FigureKind


def describe(definition) -> list[tuple[str, str]]:
    rows = [(_("类别"), definition.get_kind_display()), (_("定义单位"), definition.owner_label)]
    if definition.kind == FigureKind.AGGREGATE:
        record_type = facts.record_type(definition.record_type)
        rows.append((_("统计的记录"), str(record_type.label) if record_type else _("（记录类型已不存在）")))
        how = definition.get_aggregation_display()
        if definition.field and record_type:
            quantity = record_type.quantity(definition.field, kind=definition.aggregation)
            how = f"{how}：{quantity.label if quantity else _('（字段已不存在）')}"
        rows.append((_("统计方式"), how))
        rows.append((_("统计期间"), definition.get_period_display()))
        rows.append((_("筛选条件"), filters_text(record_type, definition.filters) or _("无")))
    elif definition.kind == FigureKind.RATE:
        rows.append((_("分子"), _name(definition.numerator)))
        rows.append((_("分母"), _name(definition.denominator)))
        rows.append((_("小数位数"), str(definition.decimals)))
    else:
        rows.append((_("基础指标"), _name(definition.base)))
        if definition.kind == FigureKind.BREAKDOWN:
            base_type = facts.record_type(definition.base.record_type) if definition.base else None
            dimension = base_type.dimension(definition.dimension) if base_type else None
            rows.append((_("分项依据"), dimension.label if dimension else _("（已不存在）")))
    rows.append((_("单位"), definition.unit or "—"))
    rows.append((_("写法"), definition.get_writing_display()))
    if definition.phrase:
        rows.append((_("报告表述"), definition.phrase))
    return rows


def filters_text(record_type, filters) -> str:
    parts = []
    for item in filters:
        dimension = record_type.dimension(item["dim"]) if record_type else None
        if dimension is None:
            parts.append(_("（已不存在的条件）"))
            continue
        labels = dict(dimension.values())
        values = "、".join(labels.get(v, _("（已删除的选项）")) for v in item["values"])
        template = _("%(dim)s不是：%(values)s") if item.get("op") == "not_in" else _("%(dim)s为：%(values)s")
        parts.append(template % {"dim": dimension.label, "values": values})
    return "；".join(parts)


def _name(definition) -> str:
    return definition.name if definition else _("（未选择）")


def form_initial(definition) -> dict:
    initial = {
        name: getattr(definition, name)
        for name in (
            "area",
            "name",
            "kind",
            "record_type",
            "aggregation",
            "field",
            "period",
            "numerator",
            "denominator",
            "base",
            "dimension",
            "decimals",
            "unit",
            "writing",
            "section",
            "phrase",
            "filters",
        )
    }
    for name in ("area", "numerator", "denominator", "base"):
        initial[name] = getattr(definition, f"{name}_id")
    return initial
