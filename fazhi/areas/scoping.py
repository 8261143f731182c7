"""The one mechanism that decides which records a user may see and change.

Every list, detail, export and API call starts from `Model.objects.visible_to(user)`; every write
re-checks with `require_change`. Out of scope answers 404 (existence is not revealed), in scope but
not permitted answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.permissions import active_posts, unwrapped_user
from fazhi.accounts.roles import CHANGE, VIEW, role_allows
from fazhi.areas.models import Area, subtree_q


def scope_paths(user, module: str, action: str = VIEW) -> list[str]:
    """Area paths under which `user` may `action` in `module`; each post counts only in its own modules."""
    if not user.is_authenticated:
        return []
    posts = active_posts(user)
    cache = unwrapped_user(user).__dict__.setdefault("_scope_paths", {})
    key = (module, action)
    if key not in cache:
        paths = sorted({p.area.path for p in posts if role_allows(p.role, module, action)})
        # A path already covered by a shorter one adds nothing to the query.
        cache[key] = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return cache[key]


def scope_q(user, module: str, action: str = VIEW, field: str = "area__path") -> Q:
    q = Q(pk__in=[])
    for path in scope_paths(user, module, action):
        q |= subtree_q(path, field)
    return q


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW):
        model = self.model
        return self.filter(scope_q(user, model.scope_module, action, model.scope_path_field))


class ScopedModel(models.Model):
    """Base for every record that belongs to an area."""

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s_set", verbose_name=_("所属区划")
    )

    scope_module: str = ""
    scope_path_field = "area__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


def area_in_scope(user, module: str, area: Area, action: str = VIEW) -> bool:
    return any(area.path.startswith(p) for p in scope_paths(user, module, action))


def get_visible_or_404(queryset, user, **lookup):
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def require_change(user, obj) -> None:
    """Re-check before a write: out of view → 404, viewable but not changeable → 403."""
    module = obj.scope_module
    if not area_in_scope(user, module, obj.area, VIEW):
        raise Http404
    if not area_in_scope(user, module, obj.area, CHANGE):
        raise PermissionDenied


def require_area_writable(user, module: str, area: Area) -> None:
    """For creating or moving a record: the target area must be within the user's change scope.

    `user=None` is the operator running a management command (setup, demo data, imports).
    """
    if user is None:
        return
    if not area_in_scope(user, module, area, CHANGE):
        raise PermissionDenied(_("您无权在“%(area)s”登记或修改该类记录。") % {"area": area.name})


def areas_visible_to(user, module: str, action: str = VIEW):
    return Area.objects.filter(scope_q(user, module, action, "path"))
