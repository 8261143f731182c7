from django import template

from fazhi.accounts.permissions import active_posts as posts_in_force

register = template.Library()


@register.simple_tag
def active_posts(user) -> list:
    """The user's posts in force, from the per-request cache that scoping already filled."""
    return posts_in_force(user)
