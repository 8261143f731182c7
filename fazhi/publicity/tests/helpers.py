from fazhi.core.models import DictionaryEntry
from fazhi.core.registry import registry


def seed_publicity_dictionaries() -> None:
    """This app's 数据字典 defaults only (what setup_platform's dictionary_seed does for every app)."""
    for category, (_label, defaults) in registry.dictionaries.items():
        if category.startswith("publicity."):
            for order, (code, label) in enumerate(defaults):
                DictionaryEntry.objects.get_or_create(
                    category=category, code=code, defaults={"label": label, "sort_order": order}
                )
