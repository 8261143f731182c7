"""Where a record came from: the link back from a record raised from another (a matter from a visit or a public
request, a dispute from a matter or a petition, a petition from a dispute …).

Each app registers, for its own record types, a finder that names the record's sources; an app that hands records
to another (the portal) registers a finder for the records it created, so the receiving app need not import it.
Detail pages call `sources_for(user=..., record=...)` and render them with templates/components/source_link.html.

A source the user may not open — deleted, or in an area outside their scope — is shown as unavailable, with
nothing of it (number, title, date): "not found" and "not allowed" look the same (ARCHITECTURE.md rule 1).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SourceLink:
    kind: str  # what the source is: 来源走访, 来源事项, 网上群众诉求 …
    text: str = ""
    url: str = ""
    available: bool = True


Finder = Callable[..., list[SourceLink]]  # finder(*, user, record) -> links

FINDERS: dict[str, list[Finder]] = {}


def register_source_finder(label: str, finder: Finder) -> None:
    """`label` is the record's model label, lower case ("grid.matter")."""
    FINDERS.setdefault(label, []).append(finder)


def unavailable(kind) -> SourceLink:
    return SourceLink(kind=str(kind), available=False)


def source_link(*, user, kind, obj, text: str = "", url: str = "") -> SourceLink:
    """A link to `obj` when `user` may open it (the view permission of the module that scopes it, and its area in
    their scope), otherwise an unavailable link that says nothing of it. `obj` None is a source no longer there."""
    if obj is None:
        return unavailable(kind)
    model = type(obj)
    if not user.has_perm(f"{model.scope_module}.view"):
        return unavailable(kind)
    if not model.objects.visible_to(user).filter(pk=obj.pk).exists():
        return unavailable(kind)
    return SourceLink(kind=str(kind), text=text or str(obj), url=url)


def sources_for(*, user, record) -> list[SourceLink]:
    label = record._meta.label_lower
    links: list[SourceLink] = []
    for finder in FINDERS.get(label, []):
        links.extend(finder(user=user, record=record))
    return links


NOT_AVAILABLE = _("来源记录已不存在或不在您的查看范围内")


# --- the other way: where a record can be raised into ------------------------------------------------------------


@dataclass(frozen=True)
class Onward:
    text: str
    url_name: str  # reversed with the record's pk
    perm: str
    when: Callable[[object], bool]


ONWARD: dict[str, list[Onward]] = {}


def register_onward(label: str, *, text, url_name: str, perm: str, when: Callable[[object], bool]) -> None:
    """A page of another app that raises a new record from a `label` record (a matter → 转为矛盾纠纷): the record's
    page links to it, without importing that app."""
    ONWARD.setdefault(label, []).append(Onward(text=text, url_name=url_name, perm=perm, when=when))


def onward_links(*, user, record) -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        (str(o.text), reverse(o.url_name, args=[record.pk]))
        for o in ONWARD.get(record._meta.label_lower, [])
        if user.has_perm(o.perm) and o.when(record)
    ]
