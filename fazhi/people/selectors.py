"""Every read of residents and households starts from the user's scope."""

import re
from collections import defaultdict

from django.core.paginator import Page
from django.db.models import Case, Q, QuerySet, Value, When

from fazhi.areas.models import subtree_q
from fazhi.areas.scoping import get_visible_or_404
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.encryption import blind_index
from fazhi.core.pagination import paginate
from fazhi.people.choices import TAG
from fazhi.people.models import Household, Resident, ResidentTag


def _search_q(q: str) -> Q:
    q = q.strip()
    compact = re.sub(r"[\s\-]", "", q)
    if re.fullmatch(r"\d{17}[\dXx]", compact):
        return Q(id_number_hash=blind_index(compact))
    if re.fullmatch(r"1\d{10}|0\d{9,11}", compact):
        return Q(phone_hash=blind_index(compact))
    if re.fullmatch(r"[A-Za-z]+", q):
        low = q.lower()
        return Q(name_initials__startswith=low) | Q(name_pinyin__startswith=low)
    return Q(name__contains=q)


def resident_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Resident.objects.visible_to(user).select_related("area", "household")
    if filters.get("q"):
        qs = qs.filter(_search_q(filters["q"]))
    if filters.get("tag"):
        qs = qs.filter(tags__code=filters["tag"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("area"):
        qs = qs.filter(subtree_q(filters["area"].path, "area__path"))
    if filters.get("household"):
        qs = qs.filter(household=filters["household"])
    # No DISTINCT: the tag filter joins at most one row per resident (people_resident_tag_unique).
    return qs.prefetch_related("tags").order_by("area__path", "name", "id")


def resident_page(*, user, filters: dict | None, number, per_page: int = 50) -> Page:
    """One page of the resident list, each resident with `tag_labels`, its tags' labels in the order given."""
    # The list shows no household and no full value: nothing joined for it, no ciphertext read or decrypted.
    qs = resident_list(user=user, filters=filters).prefetch_related(None).select_related(None).select_related("area")
    page = paginate(qs.defer("id_number", "phone", "birth_date", "address", "note"), per_page, number)
    page.object_list = list(page.object_list)
    # One flat read of (resident, code) pairs: no tag objects and no related manager per row.
    labels, tags = dict(dictionary_choices(TAG)), defaultdict(list)
    pairs = ResidentTag.objects.filter(resident__in=[r.pk for r in page.object_list]).order_by("id")
    for resident_id, code in pairs.values_list("resident_id", "code"):
        tags[resident_id].append(labels.get(code, code))
    for r in page.object_list:
        r.tag_labels = tags[r.pk]
    return page


def resident_get(*, user, pk: int) -> Resident:
    return get_visible_or_404(Resident.objects.select_related("area", "household"), user, pk=pk)


def household_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = Household.objects.visible_to(user).select_related("area")
    if filters.get("q"):
        q = filters["q"].strip()
        qs = qs.filter(Q(number__contains=q) | Q(head_name__contains=q) | Q(address__contains=q))
    if filters.get("area"):
        qs = qs.filter(subtree_q(filters["area"].path, "area__path"))
    return qs.order_by("area__path", "number")


def household_get(*, user, pk: int) -> Household:
    return get_visible_or_404(Household.objects.select_related("area"), user, pk=pk)


RESIDENT_SEARCH_LIMIT = 20


def _tail_q(q: str) -> Q | None:
    """The tails a mask shows: a phone's last four, a 身份证号's last two (the masks keep nothing more)."""
    compact = re.sub(r"\s", "", q).upper()
    if re.fullmatch(r"\d{4}", compact):
        return Q(phone_masked__endswith=compact)
    if re.fullmatch(r"\d{1,2}|\dX", compact):
        return Q(id_number_masked__endswith=compact)
    return None


def resident_search(*, user, q: str, limit: int = RESIDENT_SEARCH_LIMIT) -> list[Resident]:
    """At most `limit` + 1 residents in the user's scope for a form's search box (the extra one tells the box
    there are more): by name, pinyin or its initials, a full 身份证号 or phone by blind index, or the tail a mask
    shows. Only plaintext columns are read — no ciphertext is loaded or decrypted for a list."""
    q = (q or "").strip()[:50]
    if not q:
        return []
    match = _tail_q(q) or _search_q(q)
    exact_first = Case(When(name=q, then=Value(0)), default=Value(1))
    qs = (
        Resident.objects.visible_to(user)
        .filter(match)
        .select_related("area__parent")
        .only(
            "name",
            "sex",
            "birth_year",
            "id_number_masked",
            "area__name",
            "area__level",
            "area__path",
            "area__parent__name",
        )
    )
    return list(qs.order_by(exact_first, "name", "area__path", "pk")[: limit + 1])
