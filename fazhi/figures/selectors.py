"""Every read of figure definitions, starting from what the user may see."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Area, Level, ancestor_paths
from fazhi.areas.scoping import areas_visible_to, scope_paths, scope_q
from fazhi.core import facts
from fazhi.core.metrics import Period, metric_values, refresh
from fazhi.figures.models import FigureDefinition
from fazhi.figures.registry import BROKEN, FigureMetric

PREVIEW_ROWS = 10


def definition_list(*, user) -> QuerySet:
    """Built-in figures, those of the user's areas and below, and those of the counties above them."""
    above = {p for path in scope_paths(user, Module.REPORTS) for p in ancestor_paths(path)}
    return FigureDefinition.objects.filter(
        Q(builtin=True) | scope_q(user, Module.REPORTS) | Q(area__path__in=above)
    ).select_related("area", "numerator", "denominator", "base")


def definition_get(*, user, pk: int) -> FigureDefinition:
    definition = definition_list(user=user).filter(pk=pk).first()
    if definition is None:
        raise Http404
    return definition


def owner_choices(*, user) -> QuerySet:
    """Where the user may define figures: a county or township within their change scope."""
    return (
        areas_visible_to(user, Module.REPORTS, CHANGE)
        .current()
        .filter(level__in=[Level.COUNTY, Level.TOWNSHIP])
        .order_by("path")
    )


def preview_areas(*, user) -> QuerySet:
    """Where the user may see a figure's value: the townships and counties they can read reports of."""
    return (
        areas_visible_to(user, Module.REPORTS)
        .current()
        .filter(level__in=[Level.TOWNSHIP, Level.COUNTY])
        .order_by("-level", "path")
    )


def section_names() -> list[str]:
    """The report parts figures already belong to, offered when defining one."""
    return sorted({str(m.section) for m in refresh().values() if m.section})


def can_change(*, user, definition: FigureDefinition) -> bool:
    return not definition.builtin and owner_choices(user=user).filter(pk=definition.area_id).exists()


def record_type_choices(*, area: Area | None = None) -> list[tuple[str, str]]:
    types = facts.record_types().values()
    mine = [t for t in types if not t.area_owner or (area is not None and area.path.startswith(t.area_owner))]
    return sorted(((t.key, str(t.label)) for t in mine), key=lambda c: c[1])


@dataclass
class Preview:
    value: object = None
    last_value: object = None
    records: list | None = None
    total: int = 0
    breakdown: list | None = None  # [(label, value)]
    broken: str = ""
    writing: str = facts.Writing.EXACT
    flagged: bool = False  # a record counted this year was entered as a 约数: written with 余 as the report does

    @property
    def breakdown_mismatch(self) -> bool:
        """A breakdown whose parts do not add up to its total (a record in two parts, or in none)."""
        return bool(self.breakdown) and sum(v or 0 for _l, v in self.breakdown) != (self.value or 0)


def preview(*, metric: FigureMetric | None, area: Area, year: int, broken: str = "") -> Preview:
    """The value for an area and year, last year's, and the first records it counts (shown while building)."""
    if metric is None:
        return Preview(broken=broken)
    period = Period.year(year)
    requests = [(metric, period), (metric, period.shifted(-1)), *((part, period) for _l, part in metric.breakdown)]
    if metric.approx is not None:
        requests.append((metric.approx, period))
    values = metric_values(area=area, requests=requests)
    parts = values[2 : 2 + len(metric.breakdown)]
    qs = metric.evidence(area=area, period=period)
    qs = qs if qs.ordered else qs.order_by("pk")
    return Preview(
        value=values[0],
        last_value=values[1],
        records=list(qs[:PREVIEW_ROWS]),
        total=qs.count(),
        breakdown=[(label, v) for (label, _p), v in zip(metric.breakdown, parts, strict=True)],
        writing=metric.writing,
        flagged=metric.approx is not None and bool(values[-1]),
    )


def figure_state(*, definition: FigureDefinition, registry: dict | None = None) -> tuple[FigureMetric | None, str]:
    """The registered Metric of a stored definition, or why it cannot be computed. A page listing many definitions
    reads the registry once and passes it."""
    registry = refresh() if registry is None else registry
    metric = registry.get(definition.key)
    if definition.is_active and isinstance(metric, FigureMetric):
        return metric, ""
    return None, BROKEN.get(definition.key, "")


def assessed_keys(*, county: Area) -> list[str]:
    """The figures a county has defined for its townships (the ones it assesses them on), in name order."""
    return list(
        FigureDefinition.objects.filter(area=county, is_active=True)
        .order_by("name", "pk")
        .values_list("key", flat=True)
    )


def unregistered_figures(*, keys) -> dict[str, tuple[str, str]]:
    """Keys the registry lacks that a definition has: key → (its name, why it cannot be computed or "")."""
    names = dict(FigureDefinition.objects.filter(key__in=list(keys)).values_list("key", "name"))
    return {key: (name, BROKEN.get(key, "")) for key, name in names.items()}


def broken_reason(*, key: str) -> str:
    return BROKEN.get(key, "")
