"""Rules that change on a date: the value a law or plan gives, looked up for the day in question.

A record is judged by the law in force on its own date, not today's: a 2024 普法 plan belongs to the 八五 plan even
when it is read in 2027. Each domain app keeps its dated rules next to the code that uses them, citing the source of
every version; this module only knows how to pick the version in force.
"""

import datetime
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Version(Generic[T]):
    effective_from: datetime.date
    value: T


class DatedRule(Generic[T]):
    """Versions of one rule, each in force from its date until the next one's."""

    def __init__(self, versions: list[tuple[datetime.date, T]]) -> None:
        if not versions:
            raise ValueError("a dated rule needs at least one version")
        dates = [on for on, _value in versions]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError("versions must be in strictly increasing date order")
        self.versions = [Version(on, value) for on, value in versions]

    def in_force(self, *, on: datetime.date) -> T:
        """The value in force on `on`; before the first version, the first (the earliest rule the platform knows)."""
        current = self.versions[0]
        for version in self.versions[1:]:
            if version.effective_from > on:
                break
            current = version
        return current.value

    def in_force_for_year(self, year: int) -> T:
        """The value in force on the first day of `year`: what a yearly record (a plan, a report) is built on."""
        return self.in_force(on=datetime.date(year, 1, 1))
