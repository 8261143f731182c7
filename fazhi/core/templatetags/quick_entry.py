from django import template
from django.urls import reverse

from fazhi.core.quick_entry import copy_url

register = template.Library()


@register.inclusion_tag("components/copy_link.html")
def copy_link(create_url_name: str, record) -> dict:
    """{% copy_link "app:thing_create" thing %}: the 复制 button of a record's page."""
    return {"copy_url": copy_url(reverse(create_url_name), record)}
