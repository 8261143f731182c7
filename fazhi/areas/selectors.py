from django.db.models import Count, Q, QuerySet
from django.http import Http404

from fazhi.accounts.models import User
from fazhi.accounts.roles import Module, Role
from fazhi.areas.models import Area, Post, ancestor_paths
from fazhi.areas.scoping import areas_visible_to, scope_q


def _first_or_404(qs: QuerySet):
    obj = qs.first()
    if obj is None:
        raise Http404
    return obj


def area_list(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    qs = areas_visible_to(user, Module.AREAS).select_related("parent")
    if filters.get("level"):
        qs = qs.filter(level=filters["level"])
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(code__startswith=filters["q"]))
    if not filters.get("include_retired"):
        qs = qs.current()
    return qs


def area_get(*, user, pk: int) -> Area:
    return _first_or_404(areas_visible_to(user, Module.AREAS).filter(pk=pk))


def area_children(*, area: Area) -> QuerySet:
    return area.children.annotate(n_children=Count("children")).order_by("grid_number", "code", "name")


def member_list(*, user, filters: dict | None = None) -> QuerySet:
    """Accounts holding a post within the user's account-management scope."""
    filters = filters or {}
    posts = Post.objects.filter(scope_q(user, Module.ACCOUNTS))
    qs = User.objects.filter(pk__in=posts.values("user_id")).order_by("username")
    if filters.get("q"):
        qs = qs.filter(Q(username__icontains=filters["q"]) | Q(display_name__icontains=filters["q"]))
    return qs.prefetch_related("posts__area")


def member_get(*, user, pk: int) -> User:
    return _first_or_404(member_list(user=user).filter(pk=pk))


def leaders_over(area: Area) -> QuerySet:
    """Users holding a current 乡镇领导 post over `area`: the 包案领导 a dispute or petition may go to, and the
    负责人 who may approve a petition's extension."""
    paths = [*ancestor_paths(area.path), area.path]
    return (
        User.objects.filter(posts__role=Role.LEADER, posts__area__path__in=paths, posts__valid_to__isnull=True)
        .distinct()
        .order_by("display_name", "username")
    )
