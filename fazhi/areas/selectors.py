import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.models import User
from fazhi.accounts.roles import ADMIN_ROLES, Module, Role, duty_of
from fazhi.areas.models import Area, Post, ancestor_paths, periods_overlap
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


@dataclass(frozen=True)
class DutyConflict:
    """Two posts of one account, in force together, that 三员分立 forbids combining."""

    user: User
    first: Post
    second: Post

    def __str__(self) -> str:
        text = _(
            "账号“%(username)s”（%(name)s）同时担任“%(a)s”（%(a_area)s，%(a_from)s起）"
            "和“%(b)s”（%(b_area)s，%(b_from)s起）"
        )
        return text % {
            "username": self.user.username,
            "name": self.user.display_name or "-",
            "a": Role(self.first.role).label,
            "a_area": self.first.area.name,
            "a_from": self.first.valid_from.isoformat(),
            "b": Role(self.second.role).label,
            "b_area": self.second.area.name,
            "b_from": self.second.valid_from.isoformat(),
        }


def duty_conflict_list(*, on: datetime.date | None = None) -> list[DutyConflict]:
    """Accounts that break 三员分立 through posts in force on `on` (today) or later — grants made before the rule
    (fazhi.areas.services._require_one_duty) refused them. For the operator (system check, report command), so it
    is not scoped to a user. Posts that ended before `on` are history: they grant nothing and are never deleted."""
    on = on or timezone.localdate()
    running = Post.objects.overlapping(on)
    holders = running.filter(role__in=ADMIN_ROLES).values("user_id")
    posts = running.filter(user_id__in=holders).select_related("user", "area").order_by("user_id", "valid_from", "id")
    conflicts = []
    by_user: dict[int, list[Post]] = {}
    for post in posts:
        by_user.setdefault(post.user_id, []).append(post)
    for held in by_user.values():
        for i, first in enumerate(held):
            for second in held[i + 1 :]:
                if duty_of(first.role) != duty_of(second.role) and periods_overlap(
                    first.valid_from, first.valid_to, second.valid_from, second.valid_to
                ):
                    conflicts.append(DutyConflict(user=first.user, first=first, second=second))
    return conflicts
