"""Case numbers by year (TJ2024-00001, XF2024-00001): one rule for the services, the demo and the generator, so
records added to a deployment that already holds some continue its sequence instead of reusing a number."""

from django.db import models


def yearly_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}{year}-{sequence:05d}"


def last_yearly_sequence(model: type[models.Model], prefix: str, year: int) -> int:
    """The highest sequence `model.number` has used in `year` under `prefix`; 0 before the first."""
    start = f"{prefix}{year}-"
    last = model.objects.filter(number__startswith=start).order_by("-number").values_list("number", flat=True)[:1]
    return int(last[0].removeprefix(start)) if last else 0


def next_yearly_number(model: type[models.Model], prefix: str, year: int) -> str:
    return yearly_number(prefix, year, last_yearly_sequence(model, prefix, year) + 1)
