from django.urls import NoReverseMatch, reverse

from fazhi.core.registry import registry


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in sorted(registry.nav, key=lambda i: i.order):
        if not user.has_perm(f"{item.module}.view"):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": item.label,
                "url": url,
                "group": item.group,
                "active": request.path.startswith(url) and url != "/",
            }
        )
    return {"nav_items": items}
