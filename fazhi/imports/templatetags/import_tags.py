from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def import_url(context, kind: str, pk="") -> str:
    """The import page of `kind` (a ledger type's: "ledger.t" and its pk) for a user who may change the kind's
    module, else "" (the list page then shows no button)."""
    user = context["request"].user
    if not (user.is_authenticated and user.has_perm(f"{kind.split('.')[0]}.change")):
        return ""
    return reverse("imports:batch_upload", args=[f"{kind}{pk}"])
