"""A person's timeline: apps above people (grid, mediation, petitions, enforcement …) register a provider
`fn(*, user, resident) -> list[TimelineEntry]` that returns only what `user`'s scope allows."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TimelineEntry:
    on: datetime.date
    kind: str
    title: str
    url: str = ""
    status: str = ""


PROVIDERS: list[Callable] = []


def register_timeline(provider: Callable) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def resident_timeline(*, user, resident) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for provider in PROVIDERS:
        entries.extend(provider(user=user, resident=resident))
    return sorted(entries, key=lambda e: e.on, reverse=True)
