"""The search boxes' endpoint for residents (fazhi.core.widgets.SearchSelect): at most a page of matches in the
user's scope, as the buttons the box lists."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.people import selectors
from fazhi.people.forms import resident_tells_apart
from fazhi.people.id_lookup import id_lookup_record, id_lookup_refused, is_id_number


def _query(request) -> str:
    # The box is named after its field (`<field>_search`), so several boxes share one endpoint.
    return next((v for k, v in request.GET.items() if k.endswith("_search")), request.GET.get("q", ""))


@login_required
def resident_search_view(request):
    q = _query(request).strip()
    exact_id = is_id_number(q)
    if exact_id and (refused := id_lookup_refused(request)):
        return refused
    found = selectors.resident_search(user=request.user, q=q)
    if exact_id:
        id_lookup_record(actor=request.user, page="resident_search", hit=bool(found))
    limit = selectors.RESIDENT_SEARCH_LIMIT
    results = []
    for r in found[:limit]:
        detail = resident_tells_apart(r)
        results.append({"pk": r.pk, "name": r.name, "detail": detail, "label": f"{r.name}（{detail}）"})
    context = {"results": results, "more": len(found) > limit, "q": q}
    return render(request, "components/search_results.html", context)
