"""Every write of figure definitions: keyword-only, atomic, full_clean(), scope re-checked, audited (auditlog)."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable
from fazhi.figures.choices import FigureKind
from fazhi.figures.models import FigureDefinition
from fazhi.figures.registry import problems

OWNER_LEVELS = {Level.COUNTY, Level.TOWNSHIP}
EDITABLE = (
    "name",
    "unit",
    "section",
    "phrase",
    "kind",
    "record_type",
    "aggregation",
    "field",
    "filters",
    "period",
    "writing",
    "numerator",
    "denominator",
    "base",
    "dimension",
    "decimals",
)
EXPORT_FORMAT = "fazhi.figures/1"


def _require_owner(actor, area: Area | None) -> None:
    if area is None or area.level not in OWNER_LEVELS:
        raise ValidationError({"area": _("指标由县或乡镇（街道）一级定义。")})
    require_area_writable(actor, Module.REPORTS, area)


def definition_save(
    *, actor, area: Area, values: dict, definition: FigureDefinition | None = None, version: int | None = None
) -> FigureDefinition:
    """Create a definition, or change one (`version` is the one the user's form was made from).

    Refused, with nothing saved, when it cannot be computed: the reason names the problem."""
    _require_owner(actor, area)
    with transaction.atomic():
        if definition is None:
            definition = FigureDefinition(area=area)
        else:
            definition = FigureDefinition.objects.select_for_update().get(pk=definition.pk)
            if definition.builtin:
                raise PermissionDenied(_("平台内置指标不能修改，请复制后再改。"))
            _require_owner(actor, definition.area)
            if version is not None and version != definition.version:
                raise ValidationError(_("该指标已被他人修改，请刷新后再改。"))
            definition.version += 1
            definition.area = area
        for name in EDITABLE:
            if name in values:
                setattr(definition, name, values[name])
        _normalise(definition)
        definition.updated_by = actor
        definition.full_clean(exclude=["key"])
        reasons = problems(definition)
        if reasons:
            raise ValidationError(reasons)
        if not definition.key:
            definition.key = f"pending.{area.pk}"
            definition.save()
            definition.key = f"custom.{definition.pk}"
        definition.save()
    return definition


def _normalise(definition: FigureDefinition) -> None:
    """Keep only the parts its kind uses, so a stale choice cannot make a figure mean something else."""
    definition.name = (definition.name or "").strip()
    if not definition.name:
        raise ValidationError({"name": _("请填写指标名称。")})
    kind = definition.kind
    definition.filters = _clean_filters(definition.filters)
    if kind == FigureKind.AGGREGATE:
        if not definition.record_type:
            raise ValidationError({"record_type": _("请选择要统计的记录类型。")})
        definition.numerator = definition.denominator = definition.base = None
        definition.dimension = ""
        if definition.aggregation == "count":
            definition.field = ""
        elif not definition.field:
            raise ValidationError({"field": _("求和或去重计数须选择统计字段。")})
        return
    definition.record_type = definition.field = ""
    definition.filters = []
    if kind == FigureKind.RATE:
        definition.base = None
        definition.dimension = ""
        if definition.numerator is None or definition.denominator is None:
            raise ValidationError(_("比率须选择分子和分母。"))
        if not definition.unit:
            definition.unit = "%"
        return
    definition.numerator = definition.denominator = None
    if definition.base is None:
        raise ValidationError({"base": _("请选择基础指标。")})
    if kind == FigureKind.CHANGE:
        definition.dimension = ""
        definition.unit = "%"
    elif not definition.dimension:
        raise ValidationError({"dimension": _("请选择分项依据。")})


def _clean_filters(filters) -> list[dict]:
    """Filters as the builder makes them; anything else (a hand-edited import file) is refused, not half-read."""
    wrong = ValidationError({"filters": _("筛选条件的格式不正确。")})
    if not isinstance(filters, list):
        raise wrong
    clean = []
    for item in filters:
        if not isinstance(item, dict) or not isinstance(item.get("dim"), str):
            raise wrong
        values = item.get("values")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise wrong
        op = item.get("op", "in")
        if op not in ("in", "not_in"):
            raise wrong
        clean.append({"dim": item["dim"], "op": op, "values": values})
    return clean


def definition_copy(*, actor, definition: FigureDefinition, area: Area) -> FigureDefinition:
    """A definition of the area's own, made from any definition it can read (a built-in one, its county's)."""
    values = {name: getattr(definition, name) for name in EDITABLE}
    values["name"] = _("%(name)s（副本）") % {"name": definition.name}
    return definition_save(actor=actor, area=area, values=values)


def definition_set_active(*, actor, definition: FigureDefinition, active: bool) -> FigureDefinition:
    if definition.builtin:
        raise PermissionDenied(_("平台内置指标不能停用。"))
    _require_owner(actor, definition.area)
    with transaction.atomic():
        definition = FigureDefinition.objects.select_for_update().get(pk=definition.pk)
        definition.is_active = active
        definition.version += 1
        definition.updated_by = actor
        definition.save()
    return definition


def definitions_export(*, definitions) -> str:
    """A file another county or township can import: references by key; built-in figures are referred to only."""
    rows = []
    for d in definitions:
        row = {name: getattr(d, name) for name in EDITABLE if name not in ("numerator", "denominator", "base")}
        for name in ("numerator", "denominator", "base"):
            other = getattr(d, name)
            row[name] = other.key if other else None
        rows.append({"key": d.key, **row})
    return json.dumps({"format": EXPORT_FORMAT, "figures": rows}, ensure_ascii=False, indent=1)


def definitions_import(*, actor, area: Area, text: str) -> list[FigureDefinition]:
    """All or nothing: every figure of the file becomes the area's own; references resolve within the file first,
    then to the platform's built-in figures."""
    _require_owner(actor, area)
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(_("文件不是有效的指标定义文件（JSON 格式有误）。")) from exc
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or not isinstance(data.get("figures"), list):
        raise ValidationError(_("文件不是本平台导出的指标定义文件。"))
    builtins = {d.key: d for d in FigureDefinition.objects.filter(builtin=True)}
    made: dict[str, FigureDefinition] = {}
    pending = [row for row in data["figures"] if isinstance(row, dict)]
    with transaction.atomic():
        while pending:
            ready = [row for row in pending if all(_resolvable(row.get(n), made, builtins) for n in _REFS)]
            if not ready:
                names = "、".join(str(row.get("name", "")) for row in pending)
                raise ValidationError(
                    _("以下指标引用了文件和平台中都没有的指标，或相互循环引用：%(names)s") % {"names": names}
                )
            for row in ready:
                values = {name: row.get(name) for name in EDITABLE if name in row and name not in _REFS}
                for name in _REFS:
                    ref = row.get(name)
                    values[name] = (made.get(ref) or builtins.get(ref)) if ref else None
                try:
                    made[str(row.get("key"))] = definition_save(actor=actor, area=area, values=values)
                except ValidationError as exc:
                    raise ValidationError(
                        _("指标“%(name)s”：%(reason)s")
                        % {"name": row.get("name", ""), "reason": "；".join(exc.messages)}
                    ) from exc
                pending.remove(row)
    return list(made.values())


_REFS = ("numerator", "denominator", "base")


def _resolvable(ref, made, builtins) -> bool:
    return not ref or ref in made or ref in builtins
