"""The metric registry: every figure in a report is a function over the records it counts.

An app registers `register(key=..., label=..., unit=..., section=..., records=fn, sum_field=None)` where
`fn(*, area, period)` returns the QuerySet of records behind the figure. The value is computed from
exactly that QuerySet, so a figure and its evidence list can never disagree.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    section: str
    records: Callable[..., QuerySet]
    sum_field: str | None = None

    def evidence(self, *, area, period: Period) -> QuerySet:
        return self.records(area=area, period=period)

    def value(self, *, area, period: Period) -> int | Decimal:
        qs = self.evidence(area=area, period=period)
        if self.sum_field:
            return qs.aggregate(total=Sum(self.sum_field))["total"] or 0
        return qs.count()


METRICS: dict[str, Metric] = {}


def register(
    *, key: str, label: str, unit: str, section: str, records: Callable[..., QuerySet], sum_field: str | None = None
) -> Metric:
    metric = Metric(key=key, label=label, unit=unit, section=section, records=records, sum_field=sum_field)
    METRICS[key] = metric
    return metric
