from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ labels|get_item:code }} — a dictionary lookup in templates."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key
