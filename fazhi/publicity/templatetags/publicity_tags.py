from django import template

register = template.Library()


@register.filter
def label(mapping: dict, code: str) -> str:
    """A dictionary code's label, or the code itself when the admin removed it."""
    return mapping.get(code, code) if mapping else code


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"
