"""数据字典: one mechanism for every admin-editable list (categories, tags, kinds, units)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core.models import DictionaryEntry
from fazhi.core.registry import registry


def dictionary_seed() -> int:
    """Create declared default items that are missing; never touches what admins changed."""
    created = 0
    for category, (_label, defaults) in registry.dictionaries.items():
        for order, (code, label) in enumerate(defaults):
            _entry, was_created = DictionaryEntry.objects.get_or_create(
                category=category, code=code, defaults={"label": str(label), "sort_order": order}
            )
            created += was_created
    return created


_read_once: ContextVar[dict[str, list[tuple[str, str]]] | None] = ContextVar("dictionaries_read_once", default=None)


@contextmanager
def dictionaries_read_once() -> Iterator[None]:
    """Within the block each category is read from the database once: a 20,000-row import validates every row
    against the same lists, and an admin's edit during it is seen by the next import, as by the next page."""
    token = _read_once.set({})
    try:
        yield
    finally:
        _read_once.reset(token)


def dictionary_choices(category: str) -> list[tuple[str, str]]:
    memo = _read_once.get()
    if memo is not None and category in memo:
        return list(memo[category])
    choices = list(DictionaryEntry.objects.filter(category=category, is_active=True).values_list("code", "label"))
    if memo is not None:
        memo[category] = choices
    return list(choices)


def dictionary_entry_save(
    *, actor, category: str, code: str, label: str, sort_order: int = 0, is_active: bool = True
) -> DictionaryEntry:
    if category not in registry.dictionaries:
        raise ValidationError({"category": _("未知的字典类别。")})
    with transaction.atomic():
        entry = DictionaryEntry.objects.select_for_update().filter(category=category, code=code).first()
        entry = entry or DictionaryEntry(category=category, code=code)
        entry.label, entry.sort_order, entry.is_active = label, sort_order, is_active
        entry.full_clean()
        entry.save()
    return entry
