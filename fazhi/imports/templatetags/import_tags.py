from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def can_import(context, kind: str) -> bool:
    """Whether the list page shows its import button: the user may change the kind's module (its app label)."""
    user = context["request"].user
    return user.is_authenticated and user.has_perm(f"{kind.split('.')[0]}.change")
