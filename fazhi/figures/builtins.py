"""The platform's own figures (each app's `core.facts.builtin(...)` specs) kept as read-only definition rows."""

from auditlog.context import disable_auditlog
from django.db import transaction

from fazhi.core.facts import BUILTIN_FIGURES, FigureSpec
from fazhi.figures.choices import FigureKind


def _fields(spec: FigureSpec) -> dict:
    return {
        "name": str(spec.label),
        "unit": str(spec.unit),
        "section": str(spec.section),
        "phrase": spec.phrase,
        "kind": FigureKind.AGGREGATE,
        "record_type": spec.record_type,
        "aggregation": spec.aggregation,
        "field": spec.field,
        "filters": [dict(f, values=list(f["values"])) for f in spec.filters],
        "period": spec.period,
        "writing": spec.writing,
    }


def sync_builtins(**_signal) -> int:
    """Create or update a row per spec (a new release may change one); returns how many changed.

    Runs after every migrate (post_migrate), so a fresh or flushed database has them."""
    from fazhi.figures.models import FigureDefinition

    changed = 0
    # The release's own figures, written by migrate like the schema: not an operator's change for the audit trail.
    with transaction.atomic(), disable_auditlog():
        existing = {d.key: d for d in FigureDefinition.objects.filter(builtin=True)}
        for key, spec in BUILTIN_FIGURES.items():
            wanted = _fields(spec)
            row = existing.get(key)
            if row is None:
                FigureDefinition.objects.create(key=key, builtin=True, **wanted)
                changed += 1
            elif any(getattr(row, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(row, name, value)
                row.version += 1
                row.save()
                changed += 1
    return changed
